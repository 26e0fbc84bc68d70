// A worker that skips wg.Done: main blocks in wg.Wait, and the runtime reports a deadlock.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit deadlock
// gostep:message all goroutines are asleep - deadlock!
// gostep:stdout
//   worker 2 finished
//   worker 0 finished
//   worker 1 finished
// gostep:end
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			if i != 1 {
				defer wg.Done()
			}
			fmt.Println("worker", i, "finished")
		}()
	}
	wg.Wait()
	fmt.Println("unreachable")
}
