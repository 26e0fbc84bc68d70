// Exercise: run must return only after its workers have stopped, and without waiting for its deadline.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   run returned after {dur:100ms..200ms}
//   goroutines: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   run returned after {dur:100ms..200ms}
//   goroutines: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// worker handles one job per millisecond until its context is cancelled.
func worker(ctx context.Context, wg *sync.WaitGroup) {
	defer wg.Done()
	for ctx.Err() == nil {
		time.Sleep(time.Millisecond) // one job
	}
}

// run starts two workers. Edit only run: it must return after both workers
// have stopped, and long before its 100ms deadline.
func run() {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	var wg sync.WaitGroup
	defer cancel()
	defer wg.Wait()
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go worker(ctx, &wg)
	}
	time.Sleep(3 * time.Millisecond) // run's own work
}

func main() {
	start := time.Now()
	run()
	fmt.Println("run returned after", time.Since(start))
	time.Sleep(20 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
