// The test suite of chapter 7's exercise. It is fixed: the check runs this file, unchanged,
// against your service.go.
//
// Inside synctest.Test (Go 1.25+) every goroutine runs in a bubble with a fake clock that starts
// at 2000-01-01 00:00 UTC and moves only when every goroutine of the bubble is durably blocked:
// a 50 ms deadline takes no real time, and time.Since measures exactly. Each test sleeps one
// (fake) second at the end, so that every lookup finishes; a goroutine of the bubble still
// blocked after that has leaked, and synctest.Test fails the test.
package service

import (
	"bytes"
	"context"
	"runtime/pprof"
	"testing"
	"testing/synctest"
	"time"
)

// sumOf is Sum without a context, written plainly: the reference.
func sumOf(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}

func TestFetchAnswers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if got := Fetch(t.Context(), 12); got != 120 {
			t.Errorf("Fetch(ctx, 12) = %d, want 120", got)
		}
		if d := time.Since(start); d != 12*time.Millisecond {
			t.Errorf("Fetch(ctx, 12) took %v of fake time, want 12ms (lookup's time)", d)
		}
		time.Sleep(time.Second)
	})
}

func TestFetchGivesUpAtTheDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		defer cancel()
		start := time.Now()
		if got := Fetch(ctx, 100); got != -1 {
			t.Errorf("Fetch(ctx, 100) with a 20ms deadline = %d, want -1", got)
		}
		if d := time.Since(start); d != 20*time.Millisecond {
			t.Errorf("Fetch returned after %v of fake time, want 20ms (the deadline)", d)
		}
		time.Sleep(time.Second)
	})
}

func TestSumAdds(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 123457} {
		if got, want := Sum(context.Background(), n), sumOf(n); got != want {
			t.Errorf("Sum(ctx, %d) = %d, want %d", n, got, want)
		}
	}
}

// A CPU-bound loop never blocks, so in a bubble the fake clock would not move while it runs:
// this test uses real time and cancels the context itself.
func TestSumStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan int, 1)
	go func() { result <- Sum(ctx, 1<<50) }()
	time.Sleep(5 * time.Millisecond)
	cancel()
	select {
	case got := <-result:
		if got != -1 {
			t.Errorf("Sum(cancelled ctx, 1<<50) = %d, want -1", got)
		}
	case <-time.After(2 * time.Second):
		t.Errorf("Sum(ctx, 1<<50) was still running 2s after its ctx was cancelled")
	}
}

func TestHandleAnswers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if got, want := Handle(t.Context(), 12, 1000), 120+sumOf(1000); got != want {
			t.Errorf("Handle(ctx, 12, 1000) = %d, want %d", got, want)
		}
		if d := time.Since(start); d != 12*time.Millisecond {
			t.Errorf("Handle(ctx, 12, 1000) took %v of fake time, want 12ms", d)
		}
		time.Sleep(time.Second)
	})
}

func TestHandleKeepsItsBudget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if got := Handle(t.Context(), 100, 1000); got != -1 {
			t.Errorf("Handle(ctx, 100, 1000) = %d, want -1", got)
		}
		if d := time.Since(start); d != 50*time.Millisecond {
			t.Errorf("Handle(ctx, 100, 1000) returned after %v of fake time, want 50ms (its budget)", d)
		}
		time.Sleep(time.Second)
	})
}

func TestHandleStopsWhenTheCallerGoesAway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(10*time.Millisecond, cancel)
		start := time.Now()
		if got := Handle(ctx, 100, 1000); got != -1 {
			t.Errorf("Handle(ctx, 100, 1000) = %d, want -1", got)
		}
		if d := time.Since(start); d != 10*time.Millisecond {
			t.Errorf("Handle returned after %v of fake time, want 10ms (when the caller cancelled)", d)
		}
		time.Sleep(time.Second)
	})
}

// Outside a bubble, the goroutine leak profile (Go 1.26 with GOEXPERIMENT=goroutineleakprofile,
// on by default since 1.27) finds goroutines blocked on a channel nothing else can reach.
func TestNoGoroutineLeaks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	Fetch(ctx, 5)
	Handle(ctx, 5, 1000)
	time.Sleep(20 * time.Millisecond) // every lookup has finished by now
	var buf bytes.Buffer
	leaks := pprof.Lookup("goroutineleak")
	leaks.WriteTo(&buf, 1) // runs a GC cycle that marks the leaked goroutines
	if n := leaks.Count(); n > 0 {
		t.Errorf("%d goroutine(s) leaked:\n%s", n, buf.String())
	}
}
