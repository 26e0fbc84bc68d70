// Context edge cases: Background's nil Done, a past deadline, a zero timeout, double cancel, time.AfterFunc(d, cancel), zero and negative durations.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   bg done nil: true err: <nil>
//   past deadline: context deadline exceeded
//   zero timeout: context deadline exceeded
//   before cancel: true
//   after double cancel: context canceled
//   afterfunc cancel within 20ms: true
//   child of canceled: context canceled context canceled
//   background never done
//   zero and negative durations return at once
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   bg done nil: true err: <nil>
//   past deadline: context deadline exceeded
//   zero timeout: context deadline exceeded
//   before cancel: true
//   after double cancel: context canceled
//   afterfunc cancel within 20ms: true
//   child of canceled: context canceled context canceled
//   background never done
//   zero and negative durations return at once
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	bg := context.Background()
	fmt.Println("bg done nil:", bg.Done() == nil, "err:", bg.Err())
	past, c1 := context.WithDeadline(bg, time.Now().Add(-time.Second))
	defer c1()
	fmt.Println("past deadline:", past.Err())
	zero, c2 := context.WithTimeout(bg, 0)
	defer c2()
	<-zero.Done()
	fmt.Println("zero timeout:", zero.Err())
	ctx, cancel := context.WithCancel(bg)
	fmt.Println("before cancel:", ctx.Err() == nil)
	cancel()
	cancel()
	fmt.Println("after double cancel:", ctx.Err())
	tctx, tcancel := context.WithCancel(bg)
	time.AfterFunc(3*time.Millisecond, tcancel)
	start := time.Now()
	<-tctx.Done()
	fmt.Println("afterfunc cancel within 20ms:", time.Since(start) < 20*time.Millisecond)
	child, cc := context.WithTimeout(tctx, time.Hour)
	defer cc()
	fmt.Println("child of canceled:", child.Err(), context.Cause(child))
	select {
	case <-bg.Done():
		fmt.Println("never")
	case <-time.After(time.Millisecond):
		fmt.Println("background never done")
	}
	<-time.After(0)
	time.Sleep(-5 * time.Second)
	t := time.NewTimer(0)
	<-t.C
	fmt.Println("zero and negative durations return at once")
}
