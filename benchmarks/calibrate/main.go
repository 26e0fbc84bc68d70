// Command calibrate measures, on the machine it runs on, the real Go timings that the stepper's
// time constants stand for (lib/gostep/core/defs.py Cfg and default_costs). It is driven by
// benchmarks/calibrate.py, which builds it once, runs every experiment under a timeout that kills
// its process group, and prints the table; run by hand only to debug one experiment.
//
// Each experiment prints one line per sample, "sample <ns>" (or "cost <name> <ns/op>"), so the
// driver computes every percentile itself:
//
//	-exp timer -kind sleep|ctx|nanosleep -d 5ms -n 200
//	    lateness (observed - requested) of one timer in an otherwise idle program:
//	    time.Sleep(d); context.WithTimeout(d) then <-ctx.Done(); or the raw nanosleep(2)
//	    system call that runtime.usleep (sysmon's sleep) makes, on a locked OS thread.
//	    With -busy, a goroutine spins the whole time (run it with GOMAXPROCS=2): the waking
//	    thread competes for the CPUs as sysmon does beside exp 01's spinner.
//	-exp spin -n 50
//	    exp 01 of go-facts.md: time until <-ctx.Done() returns for a 5 ms WithTimeout while
//	    another goroutine runs a loop without calls (for !stop.Load() { x++ }). Also prints
//	    "offset <ns>": when the measurement started, counted from the start of main.
//	-exp handoff -mode busy|park -n 200
//	    send -> receiver running, on an unbuffered channel whose receiver is parked and whose
//	    P is idle. busy: the sender keeps running after the send (the receiver must be taken by
//	    another M: wakep, futex wake-up, stealWork); park: the sender blocks right after the
//	    send (the receiver runs on the sender's P from runnext, or on the woken P if earlier).
//	-exp sysmon -dur 300ms
//	    main sleeps, one goroutine spins: for strace -f -T -e trace=nanosleep (sysmon's usleep).
//	-exp cost -benchtime 100ms
//	    testing.Benchmark loops for the per-operation costs.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var base = time.Now() // monotonic origin: set while the package initialises, before main

func now() int64 { return int64(time.Since(base)) }

var stop atomic.Bool
var sink uint64

func main() {
	testing.Init()
	exp := flag.String("exp", "timer", "timer|spin|handoff|sysmon|cost")
	kind := flag.String("kind", "sleep", "timer kind: sleep|ctx|nanosleep")
	mode := flag.String("mode", "busy", "handoff: busy|park")
	d := flag.Duration("d", 5*time.Millisecond, "timer duration")
	n := flag.Int("n", 100, "samples")
	gap := flag.Duration("gap", 2*time.Millisecond, "pause between samples (spin, handoff)")
	dur := flag.Duration("dur", 300*time.Millisecond, "sysmon: how long to spin")
	bt := flag.String("benchtime", "100ms", "cost: benchtime per benchmark")
	busy := flag.Bool("busy", false, "timer: a goroutine spins meanwhile")
	flag.Parse()
	fmt.Printf("info %s GOMAXPROCS=%d exp=%s\n", runtime.Version(), runtime.GOMAXPROCS(0), *exp)
	switch *exp {
	case "timer":
		if *busy {
			started := make(chan struct{})
			go spinner(started)
			<-started
		}
		timerLateness(*kind, *d, *n)
	case "spin":
		spin(*d, *n, *gap)
	case "handoff":
		handoff(*mode, *n, *gap)
	case "sysmon":
		sysmonLoad(*dur)
	case "cost":
		flag.Set("test.benchtime", *bt)
		costs()
	default:
		fmt.Fprintln(os.Stderr, "unknown -exp", *exp)
		os.Exit(2)
	}
}

func timerLateness(kind string, d time.Duration, n int) {
	if kind == "nanosleep" {
		runtime.LockOSThread()
	}
	for i := 0; i < n; i++ {
		t0 := now()
		switch kind {
		case "sleep":
			time.Sleep(d)
		case "ctx":
			ctx, cancel := context.WithTimeout(context.Background(), d)
			<-ctx.Done()
			cancel()
		case "nanosleep":
			ts := syscall.NsecToTimespec(int64(d))
			syscall.Nanosleep(&ts, nil)
		}
		fmt.Printf("sample %d\n", now()-t0-int64(d))
	}
}

func spinner(started chan<- struct{}) {
	var x uint64
	close(started)
	for !stop.Load() { // atomic load is an intrinsic: no call, no safe point
		x++
	}
	atomic.AddUint64(&sink, x)
}

func spin(d time.Duration, n int, gap time.Duration) {
	for i := 0; i < n; i++ {
		stop.Store(false)
		done := make(chan struct{})
		started := make(chan struct{})
		go func() { spinner(started); close(done) }()
		<-started
		t0 := now()
		ctx, cancel := context.WithTimeout(context.Background(), d)
		<-ctx.Done()
		el := now() - t0
		stop.Store(true)
		<-done
		cancel()
		fmt.Printf("sample %d\noffset %d\n", el, t0)
		if i+1 < n {
			time.Sleep(gap)
		}
	}
}

func handoff(mode string, n int, gap time.Duration) {
	ch := make(chan int64)
	lat := make(chan int64, 1)
	go func() {
		for t0 := range ch {
			lat <- now() - t0
		}
	}()
	for i := 0; i < n; i++ {
		time.Sleep(gap) // both Ps go idle; the receiver is parked in chanrecv
		t0 := now()
		ch <- t0
		if mode == "busy" {
			for now()-t0 < 2_000_000 { // keep this P running for 2 ms
			}
		}
		fmt.Printf("sample %d\n", <-lat)
	}
	close(ch)
}

func sysmonLoad(dur time.Duration) {
	started := make(chan struct{})
	go spinner(started)
	<-started
	time.Sleep(dur)
	stop.Store(true)
}

func bench(name string, per int, f func(b *testing.B)) {
	r := testing.Benchmark(f)
	fmt.Printf("cost %s %.1f\n", name, float64(r.T.Nanoseconds())/float64(r.N)/float64(per))
}

func costs() {
	bg := context.Background()
	bench("go_statement", 1, func(b *testing.B) { // newproc + the G running to its end (goexit)
		// in batches of 100 (perf-anchors.md section 6: spawning all b.N at once measures
		// mostly stack memory, about 2 us/op)
		var wg sync.WaitGroup
		for i := 0; i < b.N; i += 100 {
			k := min(100, b.N-i)
			wg.Add(k)
			for j := 0; j < k; j++ {
				go wg.Done()
			}
			wg.Wait()
		}
	})
	bench("chan_handoff_unbuffered", 2, func(b *testing.B) { // one way: send -> parked receiver runs
		ping, pong := make(chan int), make(chan int)
		go func() {
			for v := range ping {
				pong <- v
			}
		}()
		for i := 0; i < b.N; i++ {
			ping <- i
			<-pong
		}
		close(ping)
	})
	bench("chan_send_recv_buffered", 2, func(b *testing.B) { // one send or recv, no blocking
		c := make(chan int, 1)
		for i := 0; i < b.N; i++ {
			c <- i
			<-c
		}
	})
	bench("select_2cases_ready", 1, func(b *testing.B) { // selectgo, one of two cases ready
		a, c := make(chan int, 1), make(chan int, 1)
		for i := 0; i < b.N; i++ {
			a <- i
			select {
			case <-a:
			case <-c:
			}
		}
	})
	bench("select_ctx_done_or_send", 1, func(b *testing.B) { // select { case c <- v: case <-ctx.Done(): }
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		c := make(chan int, 1)
		for i := 0; i < b.N; i++ {
			select {
			case c <- i:
			case <-ctx.Done():
			}
			<-c
		}
	})
	bench("withtimeout_cancel", 1, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, cancel := context.WithTimeout(bg, time.Hour)
			cancel()
		}
	})
	bench("withcancel_cancel", 1, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, cancel := context.WithCancel(bg)
			cancel()
		}
	})
	bench("ctx_done_err", 1, func(b *testing.B) {
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		for i := 0; i < b.N; i++ {
			if ctx.Done() == nil || ctx.Err() != nil {
				b.Fatal("unexpected")
			}
		}
	})
	bench("timer_new_stop", 1, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			time.NewTimer(time.Hour).Stop()
		}
	})
	bench("gosched_alone", 1, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			runtime.Gosched()
		}
	})
	bench("gosched_pingpong", 1, func(b *testing.B) { // two Gs yielding to each other: a switch
		var wg sync.WaitGroup
		var quit atomic.Bool
		wg.Add(1)
		go func() {
			for !quit.Load() {
				runtime.Gosched()
			}
			wg.Done()
		}()
		for i := 0; i < b.N; i++ {
			runtime.Gosched()
		}
		quit.Store(true)
		wg.Wait()
	})
	bench("mutex_lock_unlock", 1, func(b *testing.B) {
		var mu sync.Mutex
		for i := 0; i < b.N; i++ {
			mu.Lock()
			mu.Unlock()
		}
	})
	bench("waitgroup_add_done", 1, func(b *testing.B) {
		var wg sync.WaitGroup
		for i := 0; i < b.N; i++ {
			wg.Add(1)
			wg.Done()
		}
	})
	bench("time_now", 1, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = time.Now()
		}
	})
	bench("make_chan", 1, func(b *testing.B) {
		var c chan int
		for i := 0; i < b.N; i++ {
			c = make(chan int)
		}
		_ = c
	})
	bench("close_chan", 1, func(b *testing.B) { // make + close, minus make_chan
		for i := 0; i < b.N; i++ {
			close(make(chan int))
		}
	})
	bench("gomaxprocs_change", 2, func(b *testing.B) { // stopTheWorldGC + procresize + startTheWorldGC
		// with no other goroutine running (nothing to preempt); restores the setting
		p := runtime.GOMAXPROCS(0)
		for i := 0; i < b.N; i++ {
			runtime.GOMAXPROCS(p + 1)
			runtime.GOMAXPROCS(p)
		}
	})
}
