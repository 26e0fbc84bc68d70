// Sending on ctx.Done(): what the compiler says.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit compile_error
// gostep:message send_on_done.go:18:2: invalid operation: cannot send to receive-only channel <-chan struct{} ctx.Done() (value of type <-chan struct{})
//
// gostep:end
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ctx.Done() <- struct{}{}
	fmt.Println("sent")
}
