// A child's cancel (even a deferred one) never cancels its parent; cancelling the parent cancels every child.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   in handle: child.Err() = <nil>
//   after handle: child.Err() = context canceled
//   after handle: parent.Err() = <nil>
//   after cancelParent: parent.Err() = context canceled
//   after cancelParent: other.Err() = context canceled
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// handle derives its own context with a timeout, as the context docs show,
// and cancels it when it returns. It returns the child to let main inspect it.
func handle(parent context.Context) context.Context {
	child, cancel := context.WithTimeout(parent, time.Second)
	defer cancel() // cancels child (and child's children), then detaches child from parent
	fmt.Println("in handle: child.Err() =", child.Err())
	return child
}

func main() {
	parent, cancelParent := context.WithCancel(context.Background()) // think: r.Context()
	child := handle(parent)
	fmt.Println("after handle: child.Err() =", child.Err())
	fmt.Println("after handle: parent.Err() =", parent.Err()) // still alive

	other, cancelOther := context.WithCancel(parent)
	defer cancelOther()
	cancelParent() // propagates down: parent -> other
	fmt.Println("after cancelParent: parent.Err() =", parent.Err())
	fmt.Println("after cancelParent: other.Err() =", other.Err())
}
