// A small price service: each request has a 10ms deadline, and every request comes back late.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   served 4 requests, deadline 10ms: slowest {dur:29ms..300ms}, 4 of 4 late
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   served 4 requests, deadline 10ms: slowest {dur:29ms..300ms}, 4 of 4 late
// gostep:end
package main

import (
	"context"
	"fmt"
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
	audit := make(chan int, 16) // a buffered audit log, drained by a logger
	go func() {
		for range audit {
		}
	}()
	started := make(chan bool)
	go reloadPrices(started) // a reload is running when the requests arrive
	<-started

	var wg sync.WaitGroup
	took := make([]time.Duration, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
			defer cancel()
			start := time.Now()
			handle(ctx, id, audit)
			took[id] = time.Since(start)
		}(i)
	}
	wg.Wait()

	slowest, late := took[0], 0
	for _, d := range took {
		if d > slowest {
			slowest = d
		}
		if d > 10*time.Millisecond {
			late++
		}
	}
	fmt.Printf("served 4 requests, deadline 10ms: slowest %v, %d of 4 late\n", slowest, late)
}
