// Package service is chapter 7's exercise: a small service whose timeouts do not hold.
//
// Harden it until service_test.go passes (go test, Go 1.25+ for testing/synctest) and no
// goroutine is left behind. Keep Budget and lookup as they are: the tests rely on them. The
// stepper runs functions with one result, so -1 stands for "gave up" (the caller reads ctx.Err()).
package service

import (
	"context"
	"time"
)

// Budget is how long Handle may take.
const Budget = 50 * time.Millisecond

// lookup stands for a slow call that takes no context (a legacy client): it answers key*10
// after key milliseconds.
func lookup(key int) int {
	time.Sleep(time.Duration(key) * time.Millisecond)
	return key * 10
}

// Fetch returns lookup(key), or -1 when ctx is done first.
func Fetch(ctx context.Context, key int) int {
	answer := make(chan int)
	go func() {
		answer <- lookup(key)
	}()
	return <-answer
}

// Sum adds i%7 for i from 0 to n-1 (CPU-bound work), or returns -1 when ctx is done first.
func Sum(ctx context.Context, n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}

// Handle answers one request within Budget: Fetch(key) + Sum(n), the two computed at the same
// time. It returns -1 when the budget ran out or the caller's ctx was done first.
func Handle(ctx context.Context, key, n int) int {
	ctx, _ = context.WithTimeout(context.Background(), Budget)
	sums := make(chan int)
	go func() {
		sums <- Sum(ctx, n)
	}()
	v := Fetch(ctx, key)
	if v < 0 {
		return -1
	}
	s := <-sums
	if s < 0 {
		return -1
	}
	return v + s
}
