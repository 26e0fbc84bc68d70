// Checking ctx.Done() before a plain send is not a fix: the send itself still ignores ctx.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 2
// gostep:stdout
//   send: ctx is fine, sending
//   main: ctx.Err() = context deadline exceeded
//   main: sender still blocked 80ms after the deadline
//   goroutines: 2
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 2
// gostep:stdout
//   send: ctx is fine, sending
//   main: ctx.Err() = context deadline exceeded
//   main: sender still blocked 80ms after the deadline
//   goroutines: 2
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func send(ctx context.Context, ch chan int) string {
	select {
	case <-ctx.Done():
		return "gave up early"
	default: // not done yet...
	}
	fmt.Println("send: ctx is fine, sending")
	ch <- 1 // ...but this wait does not include ctx.Done(): parks forever
	return "sent"
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	ch := make(chan int) // nobody will receive
	finished := make(chan string, 1)
	go func() {
		finished <- send(ctx, ch)
	}()

	select {
	case r := <-finished:
		fmt.Println("main: send returned:", r)
	case <-time.After(100 * time.Millisecond):
		fmt.Println("main: ctx.Err() =", ctx.Err())
		fmt.Println("main: sender still blocked 80ms after the deadline")
	}
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
