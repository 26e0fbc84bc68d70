// A handler's timeout must be derived from the request's context: one made from Background() misses the client going away.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   WithTimeout(request, 50ms): backend returned context canceled after {dur:10ms..40ms}
//   WithTimeout(Background(), 50ms): backend returned context deadline exceeded after {dur:50ms..90ms}
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   WithTimeout(request, 50ms): backend returned context canceled after {dur:10ms..40ms}
//   WithTimeout(Background(), 50ms): backend returned context deadline exceeded after {dur:50ms..90ms}
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// backend stands for a call that honours its context (a query, an outgoing request).
func backend(ctx context.Context) error {
	select {
	case <-time.After(100 * time.Millisecond): // the work takes 100ms
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// handleRequest derives its timeout from the request's context, as the context docs show.
func handleRequest(request context.Context) error {
	ctx, cancel := context.WithTimeout(request, 50*time.Millisecond)
	defer cancel()
	return backend(ctx)
}

// handleBackground follows the source post's advice: a fresh context from Background().
func handleBackground(request context.Context) error {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	return backend(ctx)
}

// serve stands for net/http's server: it cancels the request's context when the client goes away.
func serve(useRequest bool) {
	request, clientGone := context.WithCancel(context.Background()) // r.Context()
	defer clientGone()
	start := time.Now()
	go func() {
		time.Sleep(10 * time.Millisecond) // the client disconnects after 10ms
		clientGone()
	}()
	var err error
	if useRequest {
		err = handleRequest(request)
		fmt.Printf("WithTimeout(request, 50ms): backend returned %v after %v\n", err, time.Since(start))
	} else {
		err = handleBackground(request)
		fmt.Printf("WithTimeout(Background(), 50ms): backend returned %v after %v\n", err, time.Since(start))
	}
}

func main() {
	serve(true)
	serve(false)
}
