// Who runs first when close(ch) or the last wg.Done releases several parked goroutines on one P.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   released 0
//   released 3
//   released 2
//   released 1
//   waiter 2
//   waiter 0
//   waiter 1
// gostep:end
package main

import (
	"fmt"
	"sync"
	"time"
)

// closechan (runtime/chan.go, go 1.27) collects the parked receivers on a gList, a stack, and
// readies them last-parked first; each goready puts its G in runnext and pushes the previous one
// to the tail of the run queue, so receiver 0 (readied last) runs first, then 3, 2, 1.
// wg.Done's final Add(-1) calls runtime_Semrelease once per waiter, oldest first (sync/waitgroup.go,
// runtime/sema.go): the newest waiter ends in runnext and runs first, then 0, 1.
func main() {
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			fmt.Println("released", i)
		}()
		time.Sleep(time.Millisecond)
	}
	close(gate)
	wg.Wait()
	var wg2 sync.WaitGroup
	wg2.Add(1)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wg2.Wait()
			fmt.Println("waiter", i)
		}()
		time.Sleep(time.Millisecond)
	}
	wg2.Done()
	wg.Wait()
}
