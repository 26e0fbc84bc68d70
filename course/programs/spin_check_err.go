// A CPU-bound loop that checks ctx.Err() still stops late on one P: ctx.Err() stays nil until the timer has run.
//
// gostep:case name=one-p gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   fastest of 10 loops stopped after: {dur:10ms..500ms}
//   ctx.Err(): context deadline exceeded
// gostep:end
//
// gostep:case name=one-p-no-async gomaxprocs=1 godebug=asyncpreemptoff=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   fastest of 10 loops stopped after: {dur:10ms..500ms}
//   ctx.Err(): context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   fastest of 10 loops stopped after: {dur:5ms..15ms}
//   ctx.Err(): context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// work burns CPU until ctx is done, checking ctx.Err() on every iteration.
// ctx.Err() only reads what cancel stored. Nothing here looks at the clock:
// the deadline becomes visible when the scheduler has run the context's
// timer and its goroutine has called cancel.
func work(ctx context.Context) int {
	n := 0
	for ctx.Err() == nil {
		n++
	}
	return n
}

func main() {
	// Round 0 is a warm-up, as in spin_timeout.go; the fastest of the other
	// ten filters out the noise of a busy machine.
	fastest := time.Hour
	var err error
	for round := 0; round <= 10; round++ {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		work(ctx) // with one P, main holds it: the timer waits for a preemption
		took := time.Since(start)
		err = ctx.Err()
		cancel()
		if round > 0 && took < fastest {
			fastest = took
		}
	}
	fmt.Println("fastest of 10 loops stopped after:", fastest)
	fmt.Println("ctx.Err():", err)
}
