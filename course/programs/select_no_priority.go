// When several select cases are ready, select picks one at random: ctx.Done() has no priority.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   ctx.Done chosen {int:400..600} of 1000 times
//   both cases chosen: true
// gostep:end
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // ctx.Done() is closed: its case is always ready

	data := make(chan int, 1)
	doneCount, dataCount := 0, 0
	for i := 0; i < 1000; i++ {
		data <- i // the data case is ready too
		select {
		case <-ctx.Done():
			doneCount++
			<-data // drain, so the next send does not block
		case <-data:
			dataCount++
		}
	}
	// selectgo shuffles the cases (pollorder) on every call.
	fmt.Printf("ctx.Done chosen %d of 1000 times\n", doneCount)
	fmt.Println("both cases chosen:", doneCount > 0 && dataCount > 0)
}
