// Every context deadline that fires starts one goroutine; cancelling before the deadline starts none.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   fired: goroutines when main wakes at the deadline: {int:100..1001}
//   fired: goroutines 50ms later: 1
//   cancelled first: goroutines when main wakes at the deadline: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

const n = 1000

// arm creates n contexts sharing one deadline, 20ms from now, so that
// their timers are due together. It returns their cancel functions.
func arm(deadline time.Time) []context.CancelFunc {
	cancels := make([]context.CancelFunc, n)
	for i := 0; i < n; i++ {
		_, cancel := context.WithDeadline(context.Background(), deadline)
		cancels[i] = cancel
	}
	return cancels
}

func main() {
	// 1. Let all n deadlines fire. main's own sleep ends at the same
	// moment, just after theirs: the scheduler runs all due timers in one
	// pass (timers.check). Each context timer's function is time.goFunc,
	// which does `go f()`; main's timer makes main runnable (runnext).
	deadline := time.Now().Add(20 * time.Millisecond)
	cancels := arm(deadline)
	time.Sleep(time.Until(deadline))
	fmt.Println("fired: goroutines when main wakes at the deadline:", runtime.NumGoroutine())
	time.Sleep(50 * time.Millisecond) // each new goroutine runs one cancel and exits
	fmt.Println("fired: goroutines 50ms later:", runtime.NumGoroutine())
	for _, cancel := range cancels {
		cancel()
	}

	// 2. Cancel all n before the deadline: cancel stops each timer, so no
	// goroutine is ever started.
	deadline = time.Now().Add(20 * time.Millisecond)
	cancels = arm(deadline)
	for _, cancel := range cancels {
		cancel()
	}
	time.Sleep(time.Until(deadline))
	fmt.Println("cancelled first: goroutines when main wakes at the deadline:", runtime.NumGoroutine())
}
