// Waiting for the goroutines you start: first answer wins, cancel the rest, wait for them.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   first answer from replica 1
//   goroutines right after fastest returned: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   first answer from replica 1
//   goroutines right after fastest returned: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// replica stands for one copy of a backend: it answers after d, unless ctx is done first.
func replica(ctx context.Context, d time.Duration, id int, answers chan int) {
	select {
	case <-time.After(d):
		answers <- id // answers has room for every replica: this send never waits
	case <-ctx.Done():
	}
}

// fastest asks three replicas, takes the first answer, cancels the others and waits for them:
// when it returns, no goroutine it started is still running.
func fastest(parent context.Context) int {
	ctx, cancel := context.WithCancel(parent)
	var wg sync.WaitGroup
	defer wg.Wait() // deferred calls run last-in, first-out: cancel, then Wait
	defer cancel()
	answers := make(chan int, 3)
	for id := 1; id <= 3; id++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replica(ctx, time.Duration(id*10)*time.Millisecond, id, answers)
		}()
	}
	select {
	case id := <-answers:
		return id
	case <-ctx.Done():
		return 0
	}
}

func main() {
	fmt.Println("first answer from replica", fastest(context.Background()))
	fmt.Println("goroutines right after fastest returned:", runtime.NumGoroutine())
}
