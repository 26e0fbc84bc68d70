// Debounce: Reset a pending timer five times, then Stop/Reset after it fired (Go 1.23 timer channels).
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   resets 5
//   fired after true
//   elapsed {dur:25ms..40ms}
//   stop after fire: false
//   second fire
//   stop pending: true
//   no value after stop
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   resets 5
//   fired after true
//   elapsed {dur:25ms..40ms}
//   stop after fire: false
//   second fire
//   stop pending: true
//   no value after stop
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	resets := 0
	for i := 0; i < 5; i++ {
		time.Sleep(3 * time.Millisecond)
		t.Reset(10 * time.Millisecond)
		resets++
	}
	<-t.C
	el := time.Since(start)
	fmt.Println("resets", resets)
	fmt.Println("fired after", el/time.Millisecond >= 25)
	fmt.Printf("elapsed %v\n", el)
	stopped := t.Stop()
	fmt.Println("stop after fire:", stopped)
	t.Reset(time.Millisecond)
	<-t.C
	fmt.Println("second fire")
	t2 := time.NewTimer(time.Hour)
	fmt.Println("stop pending:", t2.Stop())
	select {
	case <-t2.C:
		fmt.Println("unexpected")
	default:
		fmt.Println("no value after stop")
	}
}
