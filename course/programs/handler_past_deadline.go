// A handler with a 10ms deadline returns after about 30ms: Mutex.Lock takes no ctx and waits for the holder.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   handle returned after {dur:29ms..300ms} (deadline 10ms): err = context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   handle returned after {dur:29ms..300ms} (deadline 10ms): err = context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

var mu sync.Mutex // guards a cache that a background refresh rebuilds

// refresh rebuilds the cache under the lock; it is slow.
func refresh(locked chan bool) {
	mu.Lock()
	locked <- true
	time.Sleep(30 * time.Millisecond) // slow rebuild
	mu.Unlock()
}

// handle serves one request; ctx carries the request's deadline.
func handle(ctx context.Context) error {
	mu.Lock()
	defer mu.Unlock()
	// ... read the cache ...
	return ctx.Err()
}

func main() {
	locked := make(chan bool)
	go refresh(locked)
	<-locked // a refresh is running when the request arrives

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	err := handle(ctx)
	fmt.Printf("handle returned after %v (deadline 10ms): err = %v\n", time.Since(start), err)
}
