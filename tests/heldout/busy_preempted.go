// A 30 ms time.Since busy loop beside a 5 ms sleep: late on one P (sysmon preempts after about 10 ms of the inherited time slice), on time on two.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   main woke after {dur:8ms..40ms}
//   done
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   main woke after {dur:5ms..10ms}
//   done
// gostep:end
package main

import (
	"fmt"
	"time"
)

func busy(d time.Duration) {
	start := time.Now()
	for time.Since(start) < d {
	}
}

func main() {
	done := make(chan bool)
	go func() {
		busy(30 * time.Millisecond)
		done <- true
	}()
	start := time.Now()
	time.Sleep(5 * time.Millisecond)
	woke := time.Since(start)
	<-done
	fmt.Printf("main woke after %v\n", woke)
	fmt.Println("done")
}
