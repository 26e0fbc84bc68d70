// Goroutines that panic and recover in their own deferred function; the program survives.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   0 fine
//   1 recovered: odd input
//   2 fine
//   3 recovered: odd input
//   all survived
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   0 fine
//   1 recovered: odd input
//   2 fine
//   3 recovered: odd input
//   all survived
// gostep:end
package main

import (
	"fmt"
	"sync"
)

func risky(n int, turn []chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	defer close(turn[n+1])
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(n, "recovered:", r)
		}
	}()
	<-turn[n]
	if n%2 == 1 {
		panic("odd input")
	}
	fmt.Println(n, "fine")
}

func main() {
	var wg sync.WaitGroup
	turn := make([]chan struct{}, 5)
	for i := range turn {
		turn[i] = make(chan struct{})
	}
	for i := range 4 {
		wg.Add(1)
		go risky(i, turn, &wg)
	}
	close(turn[0])
	wg.Wait()
	<-turn[4]
	fmt.Println("all survived")
}
