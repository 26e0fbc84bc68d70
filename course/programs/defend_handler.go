// The handler pattern: a timeout derived from the request, defer cancel(), every wait in a select with ctx.Done().
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   fast backend: <nil> after {dur:10ms..30ms}
//   slow backend: context deadline exceeded after {dur:50ms..80ms}
//   client gone: context canceled after {dur:20ms..50ms}
//   goroutines: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   fast backend: <nil> after {dur:10ms..30ms}
//   slow backend: context deadline exceeded after {dur:50ms..80ms}
//   client gone: context canceled after {dur:20ms..50ms}
//   goroutines: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// query stands for a backend call: the slow part (time.Sleep) takes no context, so it runs in
// a goroutine of its own, and query waits for it or for ctx, whichever comes first.
func query(ctx context.Context, d time.Duration) error {
	answer := make(chan int, 1) // room for one answer: the sender never waits for a receiver
	go func() {
		time.Sleep(d) // the slow call
		answer <- 1
	}()
	select {
	case <-answer:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// handle is the handler pattern: the timeout is derived from the request's context, and
// cancel runs whatever path handle returns by.
func handle(request context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(request, 50*time.Millisecond)
	defer cancel()
	return query(ctx, d)
}

func main() {
	start := time.Now()
	err := handle(context.Background(), 10*time.Millisecond)
	fmt.Println("fast backend:", err, "after", time.Since(start))

	start = time.Now()
	err = handle(context.Background(), 200*time.Millisecond)
	fmt.Println("slow backend:", err, "after", time.Since(start))

	request, clientGone := context.WithCancel(context.Background()) // stands for r.Context()
	start = time.Now()
	time.AfterFunc(20*time.Millisecond, clientGone)
	err = handle(request, 200*time.Millisecond)
	fmt.Println("client gone:", err, "after", time.Since(start))

	time.Sleep(300 * time.Millisecond) // every slow call has finished by now
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
