// Real Go only: mystery_service.go's service with its goroutine, mutex and goroutine leak profiles.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=5s runs=3
// gostep:exit ok
// gostep:stdout
//   mutex profile rate at start: 0
//   === goroutine profile (debug=1)
//   ...
//   === goroutineleak profile (debug=1)
//   goroutineleak profile: total 1
//   ...
// gostep:model-note real Go only: runtime/pprof and os are outside the stepper's subset (docs/go-subset.md)
// gostep:end
//
// gostep:case name=godebug-mutexprofile gomaxprocs=1 godebug=mutexprofile=1 go=1.27 timeout=5s runs=3
// gostep:exit ok
// gostep:stdout
//   mutex profile rate at start: 0
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
	"sync"
	"time"
)

var mu sync.Mutex // guards prices
var prices = []int{100, 120, 90, 75}

// reloadPrices rebuilds the price table from a slow backing store.
func reloadPrices(started chan bool) {
	mu.Lock()
	started <- true
	next := make([]int, 0, 4)
	for i := 0; i < 4; i++ {
		next = append(next, 100+5*i)
	}
	time.Sleep(30 * time.Millisecond) // the backing store
	prices = next
	mu.Unlock()
}

// price looks one item up.
func price(item int) int {
	mu.Lock()
	defer mu.Unlock()
	return prices[item%len(prices)]
}

// checksum is the CPU part of a request; it looks at ctx every 50 items.
func checksum(ctx context.Context, n int) int {
	s := 0
	for i := 0; i < n; i++ {
		if i%50 == 0 && ctx.Err() != nil {
			return s
		}
		s += i % 7
	}
	return s
}

// handle serves one request and writes one audit record.
func handle(ctx context.Context, id int, audit chan int) error {
	audit <- id
	total := price(id) + checksum(ctx, 200)
	if total < 0 {
		return nil
	}
	return ctx.Err()
}

func main() {
	fmt.Println("mutex profile rate at start:", runtime.SetMutexProfileFraction(-1))
	runtime.SetMutexProfileFraction(1) // the switch that exists: sample every contention

	audit := make(chan int, 16) // a buffered audit log, drained by a logger
	go func() {
		for range audit {
		}
	}()
	started := make(chan bool)
	go reloadPrices(started) // a reload is running when the requests arrive
	<-started

	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
			defer cancel()
			handle(ctx, id, audit)
		}(i)
	}
	time.Sleep(20 * time.Millisecond) // 10ms past the requests' deadline
	fmt.Println("=== goroutine profile (debug=1)")
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 1)
	fmt.Println("=== goroutine profile (debug=2)")
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
	wg.Wait()
	fmt.Println("=== mutex profile (debug=1)")
	pprof.Lookup("mutex").WriteTo(os.Stdout, 1)
	fmt.Println("=== goroutineleak profile (debug=1)")
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 1)
}
