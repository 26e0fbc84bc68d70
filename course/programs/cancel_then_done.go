// When a deferred cancel() has returned, ctx.Done() is closed: a later deferred check never finds it open.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   Done still open after the deferred cancel(): 0 of 1000 tries
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   Done still open after the deferred cancel(): 0 of 1000 tries
// gostep:end
package main

import (
	"context"
	"fmt"
)

func main() {
	const tries = 1000
	open := 0
	for i := 0; i < tries; i++ {
		func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer func() { // runs second: is Done closed yet?
				select {
				case <-ctx.Done():
				default:
					open++
				}
			}()
			defer cancel() // runs first
		}()
	}
	fmt.Printf("Done still open after the deferred cancel(): %d of %d tries\n", open, tries)
}
