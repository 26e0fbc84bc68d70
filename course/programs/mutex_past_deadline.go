// A goroutine waiting in Mutex.Lock is not woken by its deadline: Lock returns when the holder unlocks.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   holder: locked, working for 30ms
//   main: Lock returned after {dur:29ms..300ms}, deadline was 10ms
//   main: ctx.Err() = context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   holder: locked, working for 30ms
//   main: Lock returned after {dur:29ms..300ms}, deadline was 10ms
//   main: ctx.Err() = context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	locked := make(chan bool)
	go func() {
		mu.Lock()
		fmt.Println("holder: locked, working for 30ms")
		locked <- true
		time.Sleep(30 * time.Millisecond) // slow work under the lock
		mu.Unlock()
	}()
	<-locked

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	// The deadline passes at 10ms while main is parked in Lock (semacquire):
	// the timer's cancel closes ctx.Done(), which nobody is waiting on here.
	mu.Lock()
	fmt.Printf("main: Lock returned after %v, deadline was 10ms\n", time.Since(start))
	// Check the context after a wait that ignores it.
	fmt.Println("main: ctx.Err() =", ctx.Err())
	mu.Unlock()
}
