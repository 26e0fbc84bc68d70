// context.WithTimeoutCause: Err is DeadlineExceeded, Cause is the given error; an early cancel makes both Canceled.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   before: <nil> <nil>
//   after: context deadline exceeded
//   cause: backend too slow
//   is deadline: true
//   cause is errSlow: true
//   cancelled early: context canceled context canceled
// gostep:end
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var errSlow = errors.New("backend too slow")

func main() {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 10*time.Millisecond, errSlow)
	defer cancel()
	fmt.Println("before:", ctx.Err(), context.Cause(ctx))
	<-ctx.Done()
	fmt.Println("after:", ctx.Err())
	fmt.Println("cause:", context.Cause(ctx))
	fmt.Println("is deadline:", errors.Is(ctx.Err(), context.DeadlineExceeded))
	fmt.Println("cause is errSlow:", context.Cause(ctx) == errSlow)
	ctx2, cancel2 := context.WithTimeoutCause(context.Background(), time.Hour, errSlow)
	cancel2()
	fmt.Println("cancelled early:", ctx2.Err(), context.Cause(ctx2))
}
