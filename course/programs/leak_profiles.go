// Real Go only: the goroutine profile and the goroutine leak profile after 100 timed-out calls.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=5s runs=3
// gostep:exit ok
// gostep:stdout
//   goroutines: 101
//   === goroutine profile (debug=2)
//   ...
//   === goroutineleak profile (debug=1)
//   goroutineleak profile: total 100
//   ...
// gostep:model-note real Go only: runtime/pprof and os are outside the stepper's subset (docs/go-subset.md)
// gostep:end
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// handle serves one request: it asks a worker for the answer and waits at most 1 ms.
func handle(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	answer := make(chan string)
	go func() {
		time.Sleep(20 * time.Millisecond) // a slow backend
		answer <- "data"
	}()
	select {
	case a := <-answer:
		return a
	case <-ctx.Done():
		return "timeout"
	}
}

func main() {
	for i := 0; i < 100; i++ {
		handle(context.Background())
	}
	time.Sleep(50 * time.Millisecond) // every backend call has ended by now
	fmt.Println("goroutines:", runtime.NumGoroutine())
	fmt.Println("=== goroutine profile (debug=2)")
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 2) // one stack per goroutine, with its wait reason
	fmt.Println("=== goroutineleak profile (debug=1)")
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 1) // Go 1.27+ (1.26: GOEXPERIMENT=goroutineleakprofile)
}
