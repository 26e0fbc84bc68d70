// time.AfterFunc and context.AfterFunc both run f in a new goroutine, not in the goroutine that fired or cancelled.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   time.AfterFunc: f ran; goroutines while f runs: 2
//   context.AfterFunc: f ran after cancel; goroutines while f runs: 2
//   stop() after f started = false
//   stop() before cancel = true
//   goroutines at the end: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   time.AfterFunc: f ran; goroutines while f runs: 2
//   context.AfterFunc: f ran after cancel; goroutines while f runs: 2
//   stop() after f started = false
//   stop() before cancel = true
//   goroutines at the end: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func main() {
	ran := make(chan int)

	// When the timer fires, the runtime calls time.goFunc, which does
	// `go f()`: f gets its own goroutine (main is parked meanwhile).
	time.AfterFunc(5*time.Millisecond, func() {
		ran <- runtime.NumGoroutine()
	})
	fmt.Println("time.AfterFunc: f ran; goroutines while f runs:", <-ran)

	// context.AfterFunc registers f as a child of ctx; cancel starts it
	// with `go f()` (afterFuncCtx.cancel) and returns without waiting.
	ctx, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, func() {
		ran <- runtime.NumGoroutine()
	})
	cancel()
	fmt.Println("context.AfterFunc: f ran after cancel; goroutines while f runs:", <-ran)
	fmt.Println("stop() after f started =", stop()) // too late to stop it

	ctx2, cancel2 := context.WithCancel(context.Background())
	stop2 := context.AfterFunc(ctx2, func() {
		fmt.Println("never printed")
	})
	fmt.Println("stop() before cancel =", stop2()) // f will never run
	cancel2()
	time.Sleep(50 * time.Millisecond)
	fmt.Println("goroutines at the end:", runtime.NumGoroutine())
}
