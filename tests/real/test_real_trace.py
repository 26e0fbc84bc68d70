"""runtime/trace of a real run, converted into the stepper's event vocabulary."""
from __future__ import annotations

import pytest

from gostep.real import trace
from gostep.real.tracing import parse_parsed_trace

# Excerpt of `go tool trace -d=parsed` (the fact sheet's experiment 02, Go 1.27.3): a deadline's
# timer creates G21 on g0, which cancels the context and readies G1.
PARSED = """M=24373 P=1 G=1 StateTransition Time=1199258211008 GoID=1 Running->Waiting Reason="chan receive"
TransitionStack=
	main.main @ 0x4b8c40
		/home/someone/exp/02-deadline-chain-trace/main.go:58

M=24377 P=-1 G=-1 StateTransition Time=1199263401088 ProcID=1 Idle->Running Reason=""
M=24377 P=1 G=-1 StateTransition Time=1199263433280 GoID=21 NotExist->Runnable Reason=""
TransitionStack=
	context.WithDeadlineCause.func2 @ 0x497a00
		/usr/lib/go/src/context/context.go:653

M=24377 P=1 G=-1 StateTransition Time=1199263442112 GoID=21 Runnable->Running Reason=""
M=24377 P=1 G=21 StateTransition Time=1199263445440 GoID=1 Waiting->Runnable Reason=""
Stack=
	context.(*cancelCtx).cancel @ 0x496b6c
		/usr/lib/go/src/context/context.go:568
	context.(*timerCtx).cancel @ 0x497377
		/usr/lib/go/src/context/context.go:681

M=24377 P=1 G=21 StateTransition Time=1199263447232 GoID=21 Running->NotExist Reason=""
M=24377 P=1 G=-1 StateTransition Time=1199263448448 GoID=1 Runnable->Running Reason=""
M=24394 P=0 G=9 StateTransition Time=1199596071296 GoID=9 Running->Runnable Reason="preempted"
M=24373 P=1 G=1 Log Time=1199263452096 Task=0 Category="demo" Message="ctx.Done observed"
M=-1 P=-1 G=-1 Metric Time=1199263452100 Name="/gc/heap/goal:bytes" Value=Uint64(4194304)
"""

CHAN = """package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		time.Sleep(time.Millisecond)
		ch <- 1
	}()
	fmt.Println(<-ch)
}
"""


def test_parse_maps_transitions_to_stepper_kinds():
    """Goroutine and P transitions become go/execute/park/ready/goexit/preempted/proc_start events."""
    ev = parse_parsed_trace(PARSED)
    kinds = [(e.kind, e.gid) for e in ev]
    assert kinds == [("park", 1), ("proc_start", -1), ("go", 21), ("execute", 21), ("ready", 1),
                     ("goexit", 21), ("execute", 1), ("preempted", 9), ("log", -1)]
    park, ready = ev[0], ev[4]
    assert park.reason == "chan receive" and park.pid == 1 and park.mid == 24373
    assert park.time_ns == 0 and ready.time_ns == 1199263445440 - 1199258211008
    assert ready.by == 21 and "G21 readies G1" in ready.text
    assert ev[2].by == -1 and ev[2].transition == "NotExist->Runnable"


def test_parse_keeps_stacks_without_absolute_paths():
    """Stacks are "func file:line", innermost first, with no absolute path left."""
    ev = parse_parsed_trace(PARSED)
    assert ev[4].stack == ("context.(*cancelCtx).cancel context/context.go:568",
                           "context.(*timerCtx).cancel context/context.go:681")
    assert ev[0].stack == ("main.main main.go:58",)
    assert all(not s.split(" ")[-1].startswith("/") for e in ev for s in e.stack)


def test_parse_empty_and_garbage():
    """Text with no events parses to an empty list."""
    assert parse_parsed_trace("") == []
    assert parse_parsed_trace("no events here\n\tframe\n") == []


@pytest.mark.realgo
def test_real_trace_shows_the_sender_park_and_ready(go_bin):
    """A real trace shows main parking on chan receive and the sender readying it, system Gs dropped."""
    tr = trace(CHAN, gomaxprocs=1, timeout="20s")
    assert tr.result.exit == "ok" and tr.result.stdout == ("1",)
    ev = tr.events
    assert ev and not any(e.system for e in ev)
    created = [e for e in ev if e.kind == "go" and e.by == 1]
    assert created, "main's go statement is not in the trace"
    sender = created[0].gid
    assert created[0].stack and created[0].stack[0].startswith("main.main.func1 main.go:")
    assert any(e.kind == "park" and e.gid == 1 and e.reason == "chan receive" for e in ev)
    assert any(e.kind == "ready" and e.gid == 1 and e.by == sender for e in ev)
    assert any(e.kind == "park" and e.gid == sender and e.reason == "sleep" for e in ev)
    assert all(e.time_ns >= 0 for e in ev)
    assert "readies G1" in tr.table()


@pytest.mark.realgo
def test_real_trace_of_a_compile_error(go_bin):
    """Tracing a program that does not compile gives exit compile_error and no events."""
    tr = trace("package main\n\nfunc main() {\n\tx := 1\n}\n")
    assert tr.result.exit == "compile_error" and tr.events == []
