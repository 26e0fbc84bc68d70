// Two workers check ctx before each send; the caller reads results until its deadline, then cancels.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=20
// gostep:exit ok
// gostep:stdout
//   ...
//   caller gave up
//   goroutines: {int:1..3}
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=10
// gostep:exit ok
// gostep:stdout
//   ...
//   caller gave up
//   goroutines: {int:1..3}
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// worker sends id, id, id, ... and checks ctx before each send.
func worker(ctx context.Context, id int, results chan<- int) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		results <- id
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan int)
	go worker(ctx, 1, results)
	go worker(ctx, 2, results)
	deadline := time.After(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the caller is busy; then it reads results or gives up
	for {
		select {
		case v := <-results:
			fmt.Println("caller got a result from worker", v)
			continue
		case <-deadline:
			fmt.Println("caller gave up")
		}
		break
	}
	cancel()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
