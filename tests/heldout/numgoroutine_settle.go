// runtime.NumGoroutine while goroutines sleep, after they end, and with leaked senders.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   start: 1
//   spawned: 11
//   settled: 1
//   leaked: 8
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   start: 1
//   spawned: 11
//   settled: 1
//   leaked: 8
// gostep:end
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	fmt.Println("start:", runtime.NumGoroutine())
	for i := 0; i < 10; i++ {
		go func() {
			time.Sleep(time.Duration(i+1) * time.Millisecond)
		}()
	}
	fmt.Println("spawned:", runtime.NumGoroutine())
	time.Sleep(30 * time.Millisecond)
	fmt.Println("settled:", runtime.NumGoroutine())
	block := make(chan int)
	for i := 0; i < 7; i++ {
		go func() { block <- i }()
	}
	time.Sleep(5 * time.Millisecond)
	fmt.Println("leaked:", runtime.NumGoroutine())
}
