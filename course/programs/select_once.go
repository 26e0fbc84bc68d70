// One select with two ready cases, run once: which case ran?
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=20
// gostep:exit ok
// gostep:stdout
//   {any} case
// gostep:end
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := make(chan int, 1)
	data <- 1
	select {
	case <-ctx.Done():
		fmt.Println("ctx.Done() case")
	case <-data:
		fmt.Println("data case")
	}
}
