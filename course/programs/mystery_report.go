// A report endpoint: the request has a 10ms deadline and returns long after it.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   report returned after {dur:39ms..400ms} (deadline 10ms): context deadline exceeded
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   report returned after {dur:39ms..400ms} (deadline 10ms): context deadline exceeded
// gostep:end
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

var mu sync.Mutex // guards hits
var hits int

// count records a hit.
func count() {
	mu.Lock()
	hits++
	mu.Unlock()
}

// render is the CPU part of a report; it looks at ctx every 100 rows.
func render(ctx context.Context, rows int) int {
	n := 0
	for i := 0; i < rows; i++ {
		if i%100 == 0 && ctx.Err() != nil {
			return n
		}
		n += i % 3
	}
	return n
}

// archive stores finished reports, one at a time.
func archive(reports chan int, stored chan bool) {
	for r := range reports {
		time.Sleep(40 * time.Millisecond) // write the report out
		stored <- r >= 0
	}
}

// report builds one report and hands it to the archive.
func report(ctx context.Context, reports chan int) error {
	count()
	n := render(ctx, 300)
	reports <- n
	return ctx.Err()
}

func main() {
	reports := make(chan int)
	stored := make(chan bool, 2)
	go archive(reports, stored)
	reports <- 0 // yesterday's report is still being written

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	err := report(ctx, reports)
	fmt.Printf("report returned after %v (deadline 10ms): %v\n", time.Since(start), err)
}
