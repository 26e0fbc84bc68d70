// Fan-in: a slice of channels, each drained by a goroutine into one output closed after a WaitGroup.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   producer 1 sent 2
//   producer 2 sent 3
//   producer 3 sent 4
//   producer 4 sent 5
//   sum 40020
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   producer 1 sent 2
//   producer 2 sent 3
//   producer 3 sent 4
//   producer 4 sent 5
//   sum 40020
// gostep:end
package main

import (
	"fmt"
	"sync"
)

func producer(id int, n int, out chan<- int) {
	for i := 0; i < n; i++ {
		out <- id*1000 + i
	}
	close(out)
}

func merge(chans []chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	wg.Add(len(chans))
	for _, c := range chans {
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	chans := make([]chan int, 4)
	for i := range chans {
		chans[i] = make(chan int)
		go producer(i+1, i+2, chans[i])
	}
	counts := make([]int, 5)
	sum := 0
	for v := range merge(chans) {
		counts[v/1000]++
		sum += v
	}
	for i := 1; i < 5; i++ {
		fmt.Printf("producer %d sent %d\n", i, counts[i])
	}
	fmt.Println("sum", sum)
}
