// time.AfterFunc timers: Stop and Reset return values before and after the function ran.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   fired: 1
//   stop t1 after firing: false
//   stop t2 before firing: true
//   reset t2: false
//   fired: 2
//   reset t1: false
//   fired: 1
//   pending: 0
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   fired: 1
//   stop t1 after firing: false
//   stop t2 before firing: true
//   reset t2: false
//   fired: 2
//   reset t1: false
//   fired: 1
//   pending: 0
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	fired := make(chan int, 3)
	t1 := time.AfterFunc(5*time.Millisecond, func() { fired <- 1 })
	t2 := time.AfterFunc(50*time.Millisecond, func() { fired <- 2 })
	fmt.Println("fired:", <-fired)
	fmt.Println("stop t1 after firing:", t1.Stop())
	fmt.Println("stop t2 before firing:", t2.Stop())
	fmt.Println("reset t2:", t2.Reset(5*time.Millisecond))
	fmt.Println("fired:", <-fired)
	fmt.Println("reset t1:", t1.Reset(time.Millisecond))
	fmt.Println("fired:", <-fired)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("pending:", len(fired))
}
