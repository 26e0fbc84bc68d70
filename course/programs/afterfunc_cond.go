// Real Go only: context.AfterFunc (Go 1.21+) wakes a sync.Cond waiter when its ctx is done.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   waitReady returned context deadline exceeded after {dur:10ms..1s}
// gostep:model-note real Go only: sync.Cond, pointers and Duration.Round are outside the stepper's subset (docs/go-subset.md)
// gostep:end
//
// gostep:case name=go1.21 gomaxprocs=1 go=1.21 timeout=2s runs=3
// gostep:exit ok
// gostep:stdout
//   waitReady returned context deadline exceeded after {dur:10ms..1s}
// gostep:model-note real Go only: sync.Cond, pointers and Duration.Round are outside the stepper's subset (docs/go-subset.md)
// gostep:end
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// waitReady waits until *ready is true or ctx is done, whichever comes first.
func waitReady(ctx context.Context, mu *sync.Mutex, cond *sync.Cond, ready *bool) error {
	stop := context.AfterFunc(ctx, func() {
		mu.Lock() // take the lock so the waiter is either in Wait or has not checked yet
		defer mu.Unlock()
		cond.Broadcast()
	})
	defer stop()
	mu.Lock()
	defer mu.Unlock()
	for !*ready {
		if err := ctx.Err(); err != nil {
			return err
		}
		cond.Wait() // ignores ctx by itself; the AfterFunc's Broadcast wakes it
	}
	return nil
}

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false // nobody ever sets it
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	err := waitReady(ctx, &mu, cond, &ready)
	fmt.Printf("waitReady returned %v after %v\n", err, time.Since(start).Round(time.Millisecond))
}
