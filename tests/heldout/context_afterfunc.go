// context.AfterFunc: stop before and after cancel, on a timeout, on an already-done context.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   stop2 before cancel: true
//   stop2 twice: false
//   first
//   stop1 after cancel: false
//   second never ran
//   afterfunc saw: context deadline exceeded
//   runs for an already done ctx
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   stop2 before cancel: true
//   stop2 twice: false
//   first
//   stop1 after cancel: false
//   second never ran
//   afterfunc saw: context deadline exceeded
//   runs for an already done ctx
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan string, 2)
	stop1 := context.AfterFunc(ctx, func() { ran <- "first" })
	stop2 := context.AfterFunc(ctx, func() { ran <- "second" })
	fmt.Println("stop2 before cancel:", stop2())
	fmt.Println("stop2 twice:", stop2())
	cancel()
	fmt.Println(<-ran)
	fmt.Println("stop1 after cancel:", stop1())
	select {
	case s := <-ran:
		fmt.Println("unexpected", s)
	case <-time.After(10 * time.Millisecond):
		fmt.Println("second never ran")
	}
	tctx, tcancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer tcancel()
	fired := make(chan error)
	context.AfterFunc(tctx, func() { fired <- tctx.Err() })
	fmt.Println("afterfunc saw:", <-fired)
	already, c3 := context.WithCancel(context.Background())
	c3()
	done := make(chan struct{})
	context.AfterFunc(already, func() { close(done) })
	<-done
	fmt.Println("runs for an already done ctx")
}
