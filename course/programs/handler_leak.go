// A handler returns on time 100 times; each call leaves its worker blocked in a send.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 101
// gostep:stdout
//   timeouts: 100 of 100 calls
//   goroutines: 101
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 101
// gostep:stdout
//   timeouts: 100 of 100 calls
//   goroutines: 101
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// handle serves one request: it asks a worker for the answer and waits at most 1 ms.
func handle(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	answer := make(chan string)
	go func() {
		time.Sleep(200 * time.Millisecond) // a slow backend
		answer <- "data"
	}()
	select {
	case a := <-answer:
		return a
	case <-ctx.Done():
		return "timeout"
	}
}

func main() {
	timeouts := 0
	for i := 0; i < 100; i++ {
		if handle(context.Background()) == "timeout" {
			timeouts++
		}
	}
	time.Sleep(300 * time.Millisecond) // every backend call has ended by now
	fmt.Println("timeouts:", timeouts, "of 100 calls")
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
