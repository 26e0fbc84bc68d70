// Everyday idioms: &sync.WaitGroup{}, new(sync.Mutex), go with arguments, defer with arguments, Stop of a fired timer, calling a nil func.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit panic
// gostep:message runtime error: invalid memory address or nil pointer dereference
// gostep:stdout
//   n 5
//   3
//   stopped a fired timer
//   500ms 2s -500ms
//   nil func: true
//   defer arg 10 captured 1
//   defer arg 0 captured 0
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit panic
// gostep:message runtime error: invalid memory address or nil pointer dereference
// gostep:stdout
//   n 5
//   3
//   stopped a fired timer
//   500ms 2s -500ms
//   nil func: true
//   defer arg 10 captured 1
//   defer arg 0 captured 0
// gostep:end
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	wg := &sync.WaitGroup{}
	mu := new(sync.Mutex)
	results := make(chan int, 0)
	n := 0
	for i := 0; ; i++ {
		if i >= 3 {
			break
		}
		wg.Add(1)
		go func(c chan<- int, v int) {
			defer wg.Done()
			c <- v * v
		}(results, i)
	}
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		mu.Lock()
		n += r
		mu.Unlock()
	}
	fmt.Println("n", n)
	x := func() int { return 3 }()
	fmt.Println(x)
	for i := range 2 {
		defer func(k int) { fmt.Println("defer arg", k, "captured", i) }(i * 10)
	}
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	time.Sleep(3 * time.Millisecond)
	if !t.Stop() {
		fmt.Println("already fired")
	} else {
		fmt.Println("stopped a fired timer")
	}
	const d = 2 * time.Second / 4
	fmt.Println(d, time.Second*2, -d)
	done := make(chan struct{})
	go func() { done <- struct{}{} }()
	_ = <-done
	var f func()
	fmt.Println("nil func:", f == nil)
	f()
}
