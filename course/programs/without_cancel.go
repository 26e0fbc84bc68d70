// WithoutCancel (Go 1.21): a context that keeps its parent's values but not its cancellation.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   parent.Err(): context deadline exceeded
//   detached.Err(): <nil>
//   detached.Done() not closed (it is nil: never closed)
//   a child of detached ends on its own deadline: context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   parent.Err(): context deadline exceeded
//   detached.Err(): <nil>
//   detached.Done() not closed (it is nil: never closed)
//   a child of detached ends on its own deadline: context deadline exceeded
// gostep:end
//
// gostep:case name=go1.21 gomaxprocs=1 go=1.21 timeout=2s
// gostep:exit ok
// gostep:stdout
//   parent.Err(): context deadline exceeded
//   detached.Err(): <nil>
//   detached.Done() not closed (it is nil: never closed)
//   a child of detached ends on its own deadline: context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	parent, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	detached := context.WithoutCancel(parent) // e.g. for an audit log written after the request

	<-parent.Done()
	fmt.Println("parent.Err():", parent.Err())
	fmt.Println("detached.Err():", detached.Err())
	select {
	case <-detached.Done():
		fmt.Println("detached.Done() closed")
	default:
		fmt.Println("detached.Done() not closed (it is nil: never closed)")
	}

	child, cancel2 := context.WithTimeout(detached, 10*time.Millisecond)
	defer cancel2()
	<-child.Done()
	fmt.Println("a child of detached ends on its own deadline:", child.Err())
}
