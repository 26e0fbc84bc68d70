// cancel() does not stop a goroutine: a worker started by process is still running when process returns.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   process returned; goroutines: 2
//   worker: call finished after process returned; ctx.Err() = context canceled
//   goroutines: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   process returned; goroutines: 2
//   worker: call finished after process returned; ctx.Err() = context canceled
//   goroutines: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// worker makes one slow call that does not take a context, then looks at ctx.
func worker(ctx context.Context, finished chan bool) {
	time.Sleep(20 * time.Millisecond) // a call that ignores ctx
	fmt.Println("worker: call finished after process returned; ctx.Err() =", ctx.Err())
	finished <- true
}

func process(finished chan bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	go worker(ctx, finished)
	time.Sleep(time.Millisecond) // process's own work
}

func main() {
	finished := make(chan bool)
	process(finished)
	fmt.Println("process returned; goroutines:", runtime.NumGoroutine())
	<-finished
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
