// A 5ms timeout beside a call-free CPU loop: late on one P, on time on two, never without async preemption.
//
// gostep:case name=one-p gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   spinner started
//   fastest of 10 timeouts: {dur:10ms..500ms}
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   spinner started
//   fastest of 10 timeouts: {dur:5ms..15ms}
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

// spin burns CPU forever. Its loop calls nothing, so the only way to stop
// it is asynchronous preemption: sysmon (retake) sees it running for 10ms
// and signals its thread (preemptone). GODEBUG=asyncpreemptoff=1 turns
// that off.
func spin() {
	for {
		x++
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
