// A query abandoned by its timeout leaves its sender blocked for good: two leaked goroutines.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 3
// gostep:stdout
//   answer 42
//   <nil>
//   timed out
//   timed out
//   goroutines: 3
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 3
// gostep:stdout
//   answer 42
//   <nil>
//   timed out
//   timed out
//   goroutines: 3
// gostep:end
package main

import (
	"errors"
	"fmt"
	"runtime"
	"time"
)

var ErrTimeout = errors.New("timed out")

func slowQuery(d time.Duration) chan int {
	out := make(chan int)
	go func() {
		time.Sleep(d)
		out <- 42
	}()
	return out
}

func query(d time.Duration, limit time.Duration) error {
	select {
	case v := <-slowQuery(d):
		fmt.Println("answer", v)
		return nil
	case <-time.After(limit):
		return ErrTimeout
	}
}

func main() {
	fmt.Println(query(2*time.Millisecond, 50*time.Millisecond))
	fmt.Println(query(30*time.Millisecond, 5*time.Millisecond))
	fmt.Println(query(30*time.Millisecond, 5*time.Millisecond))
	time.Sleep(60 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
