// Timeouts compose: a child's deadline is the earlier of its own and its parent's.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   shorter (10ms under a 30ms parent) done after {dur:10ms..30ms} - context deadline exceeded
//   request after shorter fired: <nil>
//   longer (100ms under a 30ms parent) done after {dur:30ms..60ms} - context deadline exceeded
//   request (30ms) done after {dur:30ms..60ms} - context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   shorter (10ms under a 30ms parent) done after {dur:10ms..30ms} - context deadline exceeded
//   request after shorter fired: <nil>
//   longer (100ms under a 30ms parent) done after {dur:30ms..60ms} - context deadline exceeded
//   request (30ms) done after {dur:30ms..60ms} - context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// wait blocks until ctx is done and says when, and why.
func wait(name string, ctx context.Context, start time.Time) {
	<-ctx.Done()
	fmt.Println(name, "done after", time.Since(start), "-", ctx.Err())
}

func main() {
	start := time.Now()
	request, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	longer, cancelLonger := context.WithTimeout(request, 100*time.Millisecond)
	defer cancelLonger()
	shorter, cancelShorter := context.WithTimeout(request, 10*time.Millisecond)
	defer cancelShorter()

	wait("shorter (10ms under a 30ms parent)", shorter, start)
	fmt.Println("request after shorter fired:", request.Err())
	wait("longer (100ms under a 30ms parent)", longer, start)
	wait("request (30ms)", request, start)
}
