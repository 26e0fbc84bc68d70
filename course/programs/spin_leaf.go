// A CPU loop that calls only a small leaf function has no preemption point: asyncpreemptoff=1 on one P hangs.
//
// gostep:case name=one-p gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   spinner started
//   fastest of 10 timeouts: {dur:10ms..500ms}
// gostep:end
//
// gostep:case name=one-p-no-async gomaxprocs=1 godebug=asyncpreemptoff=1 go=1.27 timeout=2s runs=5
// gostep:exit hang
// gostep:stdout
//   spinner started
// gostep:end
//
// gostep:case name=two-ps-no-async gomaxprocs=2 godebug=asyncpreemptoff=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   spinner started
//   fastest of 10 timeouts: {dur:5ms..15ms}
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// x counts the spinner's iterations.
var x int

// leaf calls nothing. The compiler gives a small leaf function no stack
// check (it is NOSPLIT), so calling it is not a preemption point, even
// though go:noinline keeps the call.
//
//go:noinline
func leaf(x int) int {
	return x*3 + 1
}

// spin burns CPU forever, calling leaf on every iteration.
func spin() {
	for {
		x = leaf(x)
	}
}

func main() {
	go spin() // runnable now; with one P it runs once main parks
	fmt.Println("spinner started")

	// Eleven 5ms timeouts in a row. Each parks main on ctx.Done(). The
	// timer is due in 5ms, but timers run only when a P enters the
	// scheduler (findRunnable -> timers.check): with one P, only when the
	// spinner yields or is preempted. Round 0 does not count: there the
	// spinner comes from runnext and inherits main's time slice (runqget
	// returns inheritTime), so sysmon may preempt it early. The fastest of
	// the other ten filters out the noise of a busy machine.
	fastest := time.Hour
	for round := 0; round <= 10; round++ {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		<-ctx.Done()
		took := time.Since(start)
		cancel()
		if round > 0 && took < fastest {
			fastest = took
		}
	}
	fmt.Println("fastest of 10 timeouts:", fastest)
}
