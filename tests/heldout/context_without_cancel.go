// WithDeadlineCause and WithoutCancel: the detached child keeps its own deadline after the parent's passes.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   parent: context deadline exceeded / budget spent
//   detached: <nil> true
//   child still running
//   child: context deadline exceeded / context deadline exceeded
// gostep:end
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	parent, cancel := context.WithDeadlineCause(context.Background(), time.Now().Add(8*time.Millisecond), errors.New("budget spent"))
	defer cancel()
	detached := context.WithoutCancel(parent)
	child, cancelChild := context.WithTimeout(detached, 30*time.Millisecond)
	defer cancelChild()
	<-parent.Done()
	fmt.Println("parent:", parent.Err(), "/", context.Cause(parent))
	fmt.Println("detached:", detached.Err(), detached.Done() == nil)
	select {
	case <-child.Done():
		fmt.Println("child done too early")
	default:
		fmt.Println("child still running")
	}
	<-child.Done()
	fmt.Println("child:", child.Err(), "/", context.Cause(child))
}
