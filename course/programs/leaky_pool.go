// A pool of three workers answers six jobs; the caller stops waiting at its deadline.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 4
// gostep:stdout
//   sum: {int:0..91} error: context deadline exceeded
//   goroutines: 4
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 4
// gostep:stdout
//   sum: {int:0..91} error: context deadline exceeded
//   goroutines: 4
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

const deadline = 15 * time.Millisecond

// work is one job: 10 ms of a slow backend.
func work(job int) int {
	time.Sleep(10 * time.Millisecond)
	return job * job
}

// worker answers jobs until there are no more.
func worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for job := range jobs {
		results <- work(job)
	}
}

// sumSquares hands six jobs to three workers and sums the answers that arrive before ctx is done.
func sumSquares(ctx context.Context) int {
	jobs := make(chan int, 6)
	results := make(chan int)
	for w := 0; w < 3; w++ {
		go worker(ctx, jobs, results)
	}
	for job := 1; job <= 6; job++ {
		jobs <- job
	}
	close(jobs)
	sum := 0
	for i := 0; i < 6; i++ {
		select {
		case r := <-results:
			sum += r
			time.Sleep(time.Millisecond) // storing an answer takes 1 ms
		case <-ctx.Done():
			return sum
		}
	}
	return sum
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	sum := sumSquares(ctx)
	cancel()
	fmt.Println("sum:", sum, "error:", ctx.Err())
	time.Sleep(100 * time.Millisecond) // every job has ended by now
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
