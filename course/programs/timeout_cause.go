// WithTimeoutCause and WithDeadlineCause (Go 1.21): the error a deadline leaves in context.Cause.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   deadline passed: Err = context deadline exceeded | Cause = payment service slower than 5ms
//   cancel() first: Err = context canceled | Cause = context canceled
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   deadline passed: Err = context deadline exceeded | Cause = payment service slower than 5ms
//   cancel() first: Err = context canceled | Cause = context canceled
// gostep:end
//
// gostep:case name=go1.21 gomaxprocs=1 go=1.21 timeout=2s
// gostep:exit ok
// gostep:stdout
//   deadline passed: Err = context deadline exceeded | Cause = payment service slower than 5ms
//   cancel() first: Err = context canceled | Cause = context canceled
// gostep:end
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var errSlow = errors.New("payment service slower than 5ms")

func main() {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 5*time.Millisecond, errSlow)
	defer cancel()
	<-ctx.Done()
	fmt.Println("deadline passed: Err =", ctx.Err(), "| Cause =", context.Cause(ctx))

	d := time.Now().Add(time.Hour)
	ctx2, cancel2 := context.WithDeadlineCause(context.Background(), d, errSlow)
	cancel2() // cancelled long before its deadline
	fmt.Println("cancel() first: Err =", ctx2.Err(), "| Cause =", context.Cause(ctx2))
}
