// WithCancelCause and Cause (Go 1.20): a context records why it was cancelled, not only that it was.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   ctx.Err(): context canceled
//   context.Cause(ctx): backend returned 503
//   child's Cause: backend returned 503
//   Cause of a plain WithCancel: context canceled
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   ctx.Err(): context canceled
//   context.Cause(ctx): backend returned 503
//   child's Cause: backend returned 503
//   Cause of a plain WithCancel: context canceled
// gostep:end
//
// gostep:case name=go1.21 gomaxprocs=1 go=1.21 timeout=2s
// gostep:exit ok
// gostep:stdout
//   ctx.Err(): context canceled
//   context.Cause(ctx): backend returned 503
//   child's Cause: backend returned 503
//   Cause of a plain WithCancel: context canceled
// gostep:end
package main

import (
	"context"
	"errors"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("backend returned 503"))
	fmt.Println("ctx.Err():", ctx.Err())
	fmt.Println("context.Cause(ctx):", context.Cause(ctx))

	child, stop := context.WithCancel(ctx) // made after the cancel: cancelled at once
	defer stop()
	fmt.Println("child's Cause:", context.Cause(child))

	plain, cancel2 := context.WithCancel(context.Background())
	cancel2()
	fmt.Println("Cause of a plain WithCancel:", context.Cause(plain))
}
