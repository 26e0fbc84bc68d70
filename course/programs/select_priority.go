// When ctx.Done() must win over ready data, check it first, in a select of its own.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   ctx.Done won 1000 of 1000 times
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   ctx.Done won 1000 of 1000 times
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
	doneCount := 0
	for i := 0; i < 1000; i++ {
		data <- i
		select {
		case <-ctx.Done(): // first: a select with only this case and default
			doneCount++
			<-data
			continue
		default:
		}
		select { // then wait for either, as before
		case <-ctx.Done():
			doneCount++
			<-data
		case <-data:
		}
	}
	fmt.Printf("ctx.Done won %d of 1000 times\n", doneCount)
}
