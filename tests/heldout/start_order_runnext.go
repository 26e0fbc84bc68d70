// Five goroutines started in a loop on one P: the last go statement's goroutine runs first (runnext), then the run queue in order.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   goroutine 4
//   goroutine 0
//   goroutine 1
//   goroutine 2
//   goroutine 3
//   done
// gostep:end
package main

// newproc puts each new goroutine in its P's runnext slot (runtime/proc.go runqput with next=true);
// the previous occupant is pushed to the tail of the local run queue. When main parks in wg.Wait
// the scheduler takes runnext first (goroutine 4), then the queue in order.

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("goroutine", i)
		}()
	}
	wg.Wait()
	fmt.Println("done")
}
