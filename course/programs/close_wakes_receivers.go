// close(ch) wakes every goroutine blocked receiving on ch; each gets the zero value and ok=false.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   closing ch
//   receiver 0: v=0 ok=false
//   receiver 1: v=0 ok=false
//   receiver 2: v=0 ok=false
//   after close, main receives: v=0 ok=false
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   closing ch
//   receiver 0: v=0 ok=false
//   receiver 1: v=0 ok=false
//   receiver 2: v=0 ok=false
//   after close, main receives: v=0 ok=false
// gostep:end
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	ch := make(chan int)
	vals := make([]int, 3)
	oks := make([]bool, 3)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, ok := <-ch // parks on ch's receive queue
			vals[i] = v
			oks[i] = ok
		}()
	}
	time.Sleep(10 * time.Millisecond) // let all three park in chanrecv

	fmt.Println("closing ch")
	close(ch) // closechan makes every parked receiver runnable (goready)
	wg.Wait()
	for i := 0; i < 3; i++ {
		fmt.Printf("receiver %d: v=%d ok=%t\n", i, vals[i], oks[i])
	}

	v, ok := <-ch // a closed channel never blocks a receiver again
	fmt.Printf("after close, main receives: v=%d ok=%t\n", v, ok)
}
