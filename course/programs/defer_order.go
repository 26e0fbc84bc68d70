// Deferred calls run last-in first-out; a deferred call's arguments are evaluated at the defer statement.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   loop body done
//   loop defer 2
//   loop defer 1
//   loop defer 0
//   loop returned
//   body done, ctx.Err() = <nil>
//   err in closure: context canceled
//   err at defer: <nil>
//   registered first, runs last
// gostep:end
package main

import (
	"context"
	"fmt"
)

func loop() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("loop defer", i) // i is copied now: 0, 1, 2
	}
	fmt.Println("loop body done")
}

func main() {
	loop()
	fmt.Println("loop returned")

	ctx, cancel := context.WithCancel(context.Background())
	defer fmt.Println("registered first, runs last")
	defer fmt.Println("err at defer:", ctx.Err()) // ctx.Err() evaluated now: <nil>
	defer func() {
		fmt.Println("err in closure:", ctx.Err()) // evaluated when it runs
	}()
	defer cancel() // registered last, runs first
	fmt.Println("body done, ctx.Err() =", ctx.Err())
}
