// A deferred call's arguments are evaluated at the defer statement; a deferred closure reads its variables when it runs.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   body ends, ctx.Err() = <nil>
//   B, deferred closure: context canceled
//   A, deferred Println: <nil>
// gostep:end
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer fmt.Println("A, deferred Println:", ctx.Err())
	defer func() {
		fmt.Println("B, deferred closure:", ctx.Err())
	}()
	defer cancel()
	fmt.Println("body ends, ctx.Err() =", ctx.Err())
}
