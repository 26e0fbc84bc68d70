// One 5ms timeout beside a call-free CPU loop on one P: main sees it when sysmon preempts the loop.
//
// gostep:case name=one-p gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   main saw its 5ms deadline after {dur:5ms..60ms}
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// x counts the spinner's iterations.
var x int

// spin never calls anything: only sysmon's retake, which sees it running
// for 10ms and signals its thread (preemptone), takes the P from it.
func spin() {
	for {
		x++
	}
}

func main() {
	go spin() // in runnext: it runs as soon as main parks
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	// The timer is due at 5ms, but with one P it runs only when the P
	// enters the scheduler, that is when sysmon has the spinner preempted.
	// sysmon is a thread of its own: when the OS runs it late, so is main.
	<-ctx.Done()
	fmt.Println("main saw its 5ms deadline after", time.Since(start))
}
