// A CPU-bound loop that checks ctx.Err() every 1024 iterations stops at its deadline (late on one P).
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   crunch returned context deadline exceeded after {dur:9ms..500ms}
// gostep:end
//
// One P: crunch is taken from runnext, so it inherits main's time slice (execute in proc.go does
// not advance schedtick), and sysmon preempts it 10 ms after that slice began, which is a little
// before start: 300 runs printed 9.92 to 17.9 ms, 300 more beside three busy loops 10.01 to 24.2 ms.
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   crunch returned context deadline exceeded after {dur:5ms..15ms}
// gostep:end
package main

import (
	"context"
	"fmt"
	"time"
)

// crunch is CPU-bound work that looks at its context every 1024 iterations.
func crunch(ctx context.Context) int {
	x := 0
	for i := 0; ; i++ {
		if i%1024 == 0 && ctx.Err() != nil {
			return x
		}
		x += i % 7
	}
}

func main() {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	done := make(chan int)
	go func() {
		crunch(ctx)
		done <- 1
	}()
	<-done
	fmt.Println("crunch returned", ctx.Err(), "after", time.Since(start))
}
