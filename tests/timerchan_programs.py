"""Small programs on timer channels and what real Go prints for each, per Go version.

Shared by tests/core/test_timer_chan_versions.py (the model must print the same) and
tests/real/test_timer_chan_realgo.py (real Go must still print it, on each installed toolchain).

The versions (CONFIGS): 1.21 and 1.22 (the timer sends into a 1-slot buffer when it fires, from its
P's heap); 1.23 (synchronous timer channels: the timer is in a heap only while a goroutine is
blocked on t.C, and runs lazily when t.C is looked at; runtime/time.go needsAdd, maybeRunChan,
blockTimerChan, unblockTimerChan); 1.23 with GODEBUG=asynctimerchan=1 (back to the old code
paths: time/sleep.go syncTimer returns nil); 1.27 (the pinned toolchain; asynctimerchan removed).
The expectations were taken from go1.21.13, go1.22.10, go1.23.9 and go1.27.3 runs, GOMAXPROCS=1.
"""
from __future__ import annotations

OLD = "old"     # what 1.21, 1.22 and 1.23 with asynctimerchan=1 print
NEW = "new"     # what 1.23 and 1.27 print

# (go, godebug, kind): the settings of a run, and which column of EXPECTED it must match
CONFIGS = [
    ("1.21", "", OLD),
    ("1.22", "", OLD),
    ("1.23", "asynctimerchan=1", OLD),
    ("1.23", "", NEW),
    ("1.27", "", NEW),
]

PROGRAMS = {
    # Stop after the timer expired unseen: before 1.23 it already sent (Stop false, a stale value
    # waits in t.C, len 1 cap 1); since 1.23 it never ran (t.when > 0: Stop true, t.C empty, 0 0).
    "stop_expired": """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(5 * time.Millisecond)
	time.Sleep(30 * time.Millisecond)
	fmt.Println("len", len(t.C), "cap", cap(t.C))
	fmt.Println("stop", t.Stop())
	select {
	case <-t.C:
		fmt.Println("after stop: value")
	default:
		fmt.Println("after stop: empty")
	}
}
""",
    # Reset after expiry: before 1.23 false and the stale value is read at once; since 1.23 true and
    # the read waits for the new time.
    "reset_expired": """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(5 * time.Millisecond)
	time.Sleep(30 * time.Millisecond)
	fmt.Println("reset", t.Reset(60*time.Millisecond))
	start := time.Now()
	<-t.C
	fmt.Println("waited at least 50ms:", time.Since(start) >= 50*time.Millisecond)
}
""",
    # A select with default on an expired timer receives on every version: since 1.23 because
    # select runs the due timer first (maybeRunChan); the value is the expiry time on all.
    "select_default": """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(5 * time.Millisecond)
	time.Sleep(30 * time.Millisecond)
	select {
	case v := <-t.C:
		fmt.Println("received; value older than 20ms:", time.Since(v) > 20*time.Millisecond)
	default:
		fmt.Println("default")
	}
	fmt.Println("stop after receive", t.Stop())
}
""",
    # A dropped NewTimer(1h) and main blocked on a channel nobody sends on: before 1.23 the timer
    # sits in the heap, so checkdead sees a timer and the program waits (an hour); since 1.23 the
    # timer is in no heap: deadlock at once.
    "dropped_deadlock": """package main

import "time"

func main() {
	_ = time.NewTimer(time.Hour)
	block := make(chan int)
	<-block
}
""",
    # A select parked on t.C and done, woken by done: since 1.23 unblockTimerChan takes the timer
    # out of the heap, so blocking afterwards is a deadlock; before, the timer keeps the program
    # waiting.
    "select_unblock": """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Hour)
	done := make(chan bool)
	go func() {
		time.Sleep(5 * time.Millisecond)
		close(done)
	}()
	select {
	case <-t.C:
		fmt.Println("timer")
	case <-done:
		fmt.Println("done")
	}
	time.Sleep(5 * time.Millisecond)
	block := make(chan int)
	<-block
}
""",
    # Reset while a goroutine is blocked on t.C (the timer is in a heap on every version): same
    # result everywhere.
    "reset_blocked": """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Hour)
	go func() {
		time.Sleep(5 * time.Millisecond)
		fmt.Println("reset while main waits:", t.Reset(5*time.Millisecond))
	}()
	start := time.Now()
	<-t.C
	d := time.Since(start)
	fmt.Println("received after 10ms..1s:", d >= 10*time.Millisecond && d < time.Second)
}
""",
    # Stop while a goroutine is blocked on t.C: true everywhere, and the receiver waits forever.
    "stop_blocked": """package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(20 * time.Millisecond)
	go func() {
		time.Sleep(5 * time.Millisecond)
		fmt.Println("stop while main waits:", t.Stop())
	}()
	<-t.C
	fmt.Println("unreachable")
}
""",
}

# program -> {OLD: (exit, stdout), NEW: (exit, stdout)}
EXPECTED = {
    "stop_expired": {
        OLD: ("ok", ("len 1 cap 1", "stop false", "after stop: value")),
        NEW: ("ok", ("len 0 cap 0", "stop true", "after stop: empty")),
    },
    "reset_expired": {
        OLD: ("ok", ("reset false", "waited at least 50ms: false")),
        NEW: ("ok", ("reset true", "waited at least 50ms: true")),
    },
    "select_default": {
        OLD: ("ok", ("received; value older than 20ms: true", "stop after receive false")),
        NEW: ("ok", ("received; value older than 20ms: true", "stop after receive false")),
    },
    "dropped_deadlock": {
        OLD: ("hang", ()),
        NEW: ("deadlock", ()),
    },
    "select_unblock": {
        OLD: ("hang", ("done",)),
        NEW: ("deadlock", ("done",)),
    },
    "reset_blocked": {
        OLD: ("ok", ("reset while main waits: true", "received after 10ms..1s: true")),
        NEW: ("ok", ("reset while main waits: true", "received after 10ms..1s: true")),
    },
    "stop_blocked": {
        OLD: ("deadlock", ("stop while main waits: true",)),
        NEW: ("deadlock", ("stop while main waits: true",)),
    },
}

TIMEOUT = "1s"     # the hangs run to it (real Go: killed after 1 s of wall time)


def cases():
    """(program, go, godebug, expected exit, expected stdout) for every program and setting."""
    return [(name, go, dbg, *EXPECTED[name][kind]) for name in PROGRAMS for go, dbg, kind in CONFIGS]


def case_id(c) -> str:
    name, go, dbg = c[:3]
    return f"{name}-go{go}" + ("-asynctimerchan" if dbg else "")
