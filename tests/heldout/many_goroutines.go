// 5000 goroutines parked on one channel, counted, released by close.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   goroutines while parked: 5001
//   all 5000 released
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   goroutines while parked: 5001
//   all 5000 released
// gostep:end
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	const n = 5000
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
		}()
	}
	fmt.Println("goroutines while parked:", runtime.NumGoroutine())
	close(gate)
	wg.Wait()
	fmt.Println("all", n, "released")
}
