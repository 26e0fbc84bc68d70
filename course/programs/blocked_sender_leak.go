// A worker's plain send blocks forever after its caller gave up: the goroutine leaks.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 4
// gostep:stdout
//   call 1: timeout
//   call 2: timeout
//   call 3: timeout
//   goroutines: 4
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 4
// gostep:stdout
//   call 1: timeout
//   call 2: timeout
//   call 3: timeout
//   goroutines: 4
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// fetch starts a slow worker and waits for its result or for ctx.
func fetch(ctx context.Context) string {
	result := make(chan string) // unbuffered: a send waits for a receiver
	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		result <- "data"                  // nobody receives any more: parks forever
	}()
	select {
	case r := <-result:
		return r
	case <-ctx.Done():
		return "timeout" // we stop listening on result
	}
}

func main() {
	for i := 1; i <= 3; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		fmt.Printf("call %d: %s\n", i, fetch(ctx))
		cancel()
	}
	time.Sleep(200 * time.Millisecond) // every worker has finished its work by now
	// main + 3 workers parked in chansend: cancelling ctx cannot reach them.
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
