// A handler takes queued jobs until its 10 ms deadline; each job waits 4 ms on a backend.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=20
// gostep:exit ok
// gostep:stdout
//   jobs done: {int:3..10}
//   handler returned after {dur:12ms..60ms}
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	jobs := make(chan int, 10)
	for i := 0; i < 10; i++ {
		jobs <- i
	}
	done := 0
	for {
		select {
		case <-ctx.Done():
			fmt.Println("jobs done:", done)
			fmt.Println("handler returned after", time.Since(start))
			return
		case <-jobs:
			time.Sleep(4 * time.Millisecond) // the backend call
			done++
		}
	}
}
