// Closing a channel while a sender is blocked on it does not free the sender: the sender panics.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit panic
// gostep:message send on closed channel
// gostep:stdout
//   worker: sending
//   main: timed out, closing result
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit panic
// gostep:message send on closed channel
// gostep:stdout
//   worker: sending
//   main: timed out, closing result
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()

	result := make(chan string) // unbuffered, and main never receives
	go func() {
		fmt.Println("worker: sending")
		result <- "data" // parks on result's send queue
		fmt.Println("worker: sent") // never printed
	}()

	<-ctx.Done() // main gives up
	fmt.Println("main: timed out, closing result")
	close(result) // closechan wakes the parked sender... which panics
	time.Sleep(20 * time.Millisecond)
	fmt.Println("main: done") // never printed: the panic ends the whole program
}
