// The simplest deadline: WithTimeout arms a timer; when it fires, a new goroutine cancels ctx and wakes the waiter.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   ctx.Done observed after {dur:5ms..100ms}
//   ctx.Err(): context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   ctx.Done observed after {dur:5ms..100ms}
//   ctx.Err(): context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	// WithTimeout = WithDeadline(now+5ms): it creates a timerCtx and arms
	// c.timer = time.AfterFunc(5ms, func() { c.cancel(...) }).
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()

	// main parks (gopark) on the done channel. With nothing else to run,
	// the P sleeps in netpoll until the timer is due. Then the scheduler
	// runs the timer (timers.check), whose function starts a goroutine
	// (goFunc); that goroutine's cancel closes done, and closechan makes
	// main runnable again (goready).
	<-ctx.Done()
	fmt.Println("ctx.Done observed after", time.Since(start))
	fmt.Println("ctx.Err():", ctx.Err())
}
