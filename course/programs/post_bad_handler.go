// The source post's badHandler, as written: its ctx.Done() case fires at the deadline although ch is not closed.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   badHandler returned after {dur:49ms..300ms}; ctx.Err() = context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   badHandler returned after {dur:49ms..300ms}; ctx.Err() = context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// badHandler is the post's example, unchanged but for the comments (translated).
// The post says of the ctx.Done() case: "if ch is not closed, this branch never fires".
func badHandler(ctx context.Context) {
	ch := make(chan struct{}) // unbuffered
	go func() {
		time.Sleep(5 * time.Second)
		close(ch) // simulates asynchronous completion
	}()
	select {
	case <-ch:
		// normal path
	case <-ctx.Done():
		// timeout path
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	badHandler(ctx)
	fmt.Printf("badHandler returned after %v; ctx.Err() = %v\n", time.Since(start), ctx.Err())
}
