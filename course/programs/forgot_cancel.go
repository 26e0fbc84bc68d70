// A context whose cancel is never called stays registered with its parent and in the timer heap until its deadline.
//
// gostep:vet-fails lookup discards the cancel function of context.WithTimeout on purpose (go vet's lostcancel check)
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   3 lookups without cancel: <nil>
//   3 lookups with defer cancel(): <nil>
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// lookup forgets to cancel: its context lives until the 50ms deadline.
func lookup(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, 50*time.Millisecond)
	return ctx.Err()
}

// lookupFixed cancels when it returns.
func lookupFixed(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, 50*time.Millisecond)
	defer cancel()
	return ctx.Err()
}

func main() {
	parent, stop := context.WithCancel(context.Background()) // a long-lived parent
	defer stop()
	var err error
	for i := 0; i < 3; i++ {
		err = lookup(parent)
	}
	fmt.Println("3 lookups without cancel:", err)
	time.Sleep(100 * time.Millisecond) // the three deadlines pass
	for i := 0; i < 3; i++ {
		err = lookupFixed(parent)
	}
	fmt.Println("3 lookups with defer cancel():", err)
	time.Sleep(100 * time.Millisecond)
}
