// Three calls with a 5ms timeout to a worker whose work takes 100ms; later, main counts its goroutines.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 4
// gostep:stdout
//   call 1: timeout
//   call 2: timeout
//   call 3: timeout
//   goroutines: 4
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 4
// gostep:stdout
//   call 1: timeout
//   call 2: timeout
//   call 3: timeout
//   goroutines: 4
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// fetch starts a slow worker and waits for its result or for ctx.
func fetch(ctx context.Context) string {
	result := make(chan string) // unbuffered
	go func() {
		time.Sleep(100 * time.Millisecond) // slow work
		result <- "data"
	}()
	select {
	case r := <-result:
		return r
	case <-ctx.Done():
		return "timeout"
	}
}

func main() {
	for i := 1; i <= 3; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		fmt.Printf("call %d: %s\n", i, fetch(ctx))
		cancel()
	}
	time.Sleep(200 * time.Millisecond) // long after the last worker's work has ended
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
