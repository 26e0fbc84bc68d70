// A buffer of one gives the worker's single send a place to go: no receiver needed, no leak.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   call 1: timeout
//   call 2: timeout
//   call 3: timeout
//   goroutines: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   call 1: timeout
//   call 2: timeout
//   call 3: timeout
//   goroutines: 1
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
	result := make(chan string, 1) // room for exactly one result
	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		result <- "data"                  // lands in the buffer; the worker returns
	}()
	select {
	case r := <-result:
		return r
	case <-ctx.Done():
		return "timeout" // the unread result is garbage-collected with the channel
	}
}

func main() {
	for i := 1; i <= 3; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		fmt.Printf("call %d: %s\n", i, fetch(ctx))
		cancel()
	}
	time.Sleep(200 * time.Millisecond) // every worker has finished its work by now
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
