// A select inside a select case, with default, and time.After in the outer loop.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   round 0 a 1
//   inner: nothing yet
//   round 1 b late
//   round 2 timeout
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   round 0 a 1
//   inner: nothing yet
//   round 1 b late
//   round 2 timeout
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	a := make(chan int)
	b := make(chan string, 1)
	go func() {
		time.Sleep(5 * time.Millisecond)
		a <- 1
		time.Sleep(5 * time.Millisecond)
		b <- "late"
	}()
	for round := 0; round < 3; round++ {
		select {
		case v := <-a:
			fmt.Println("round", round, "a", v)
			select {
			case s := <-b:
				fmt.Println("inner got", s)
			default:
				fmt.Println("inner: nothing yet")
			}
		case s := <-b:
			fmt.Println("round", round, "b", s)
		case <-time.After(30 * time.Millisecond):
			fmt.Println("round", round, "timeout")
		}
	}
}
