// `defer cancel(); defer wg.Wait()` waits first: workers that wait for ctx keep running until the deadline.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   wrong order returned after {dur:45ms..150ms}: ctx.Err() = context deadline exceeded
//   right order returned after {dur:0s..40ms}: ctx.Err() = context canceled
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   wrong order returned after {dur:45ms..150ms}: ctx.Err() = context deadline exceeded
//   right order returned after {dur:0s..40ms}: ctx.Err() = context canceled
// gostep:end
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// worker runs until its context is done.
func worker(ctx context.Context, wg *sync.WaitGroup) {
	defer wg.Done()
	<-ctx.Done()
}

func wrongOrder() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	var wg sync.WaitGroup
	defer cancel()  // runs second
	defer wg.Wait() // runs first: waits for a worker that waits for cancel
	wg.Add(1)
	go worker(ctx, &wg)
	return ctx
}

func rightOrder() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	var wg sync.WaitGroup
	defer wg.Wait() // runs second: the worker is already on its way out
	defer cancel()  // runs first
	wg.Add(1)
	go worker(ctx, &wg)
	return ctx
}

func main() {
	start := time.Now()
	ctx := wrongOrder() // only the 50ms deadline ends the wait
	fmt.Printf("wrong order returned after %v: ctx.Err() = %v\n", time.Since(start), ctx.Err())

	start = time.Now()
	ctx = rightOrder()
	fmt.Printf("right order returned after %v: ctx.Err() = %v\n", time.Since(start), ctx.Err())
}
