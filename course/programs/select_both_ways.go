// Every blocking channel operation in a select with ctx.Done(): neither side can be stranded.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   consumer stopped: context deadline exceeded items received: true
//   goroutines: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   consumer stopped: context deadline exceeded items received: true
//   goroutines: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// produce sends numbers until ctx is done. Its send is a case of a select with ctx.Done(),
// so a consumer that stops receiving cannot strand it.
func produce(ctx context.Context, out chan int) {
	for i := 0; ; i++ {
		time.Sleep(time.Millisecond) // the work of making one item
		select {
		case out <- i:
		case <-ctx.Done():
			return
		}
	}
}

// consume receives until ctx is done, the receive in a select with ctx.Done() too.
func consume(ctx context.Context, in chan int) int {
	got := 0
	for {
		select {
		case <-in:
			got++
		case <-ctx.Done():
			return got
		}
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	items := make(chan int)
	go produce(ctx, items)
	got := consume(ctx, items)
	fmt.Println("consumer stopped:", ctx.Err(), "items received:", got > 0)
	time.Sleep(10 * time.Millisecond) // the producer sees ctx.Done() too
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
