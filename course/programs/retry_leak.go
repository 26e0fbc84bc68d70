// Up to three attempts, each with a 5 ms timeout; an attempt answers in 3 ms on an unbuffered channel.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=20
// gostep:exit ok
// gostep:stdout
//   ...
//   goroutines: {int:1..4}
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func attempt(n int, out chan<- int) {
	time.Sleep(3 * time.Millisecond) // the backend answers in 3 ms
	out <- n
}

func main() {
	answered := false
	for n := 1; n <= 3 && !answered; n++ {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		out := make(chan int)
		go attempt(n, out)
		time.Sleep(6 * time.Millisecond) // main is busy meanwhile (logging, metrics)
		select {
		case v := <-out:
			fmt.Println("answer from attempt", v)
			answered = true
		case <-ctx.Done():
			fmt.Println("attempt", n, "timed out")
		}
		cancel()
	}
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
