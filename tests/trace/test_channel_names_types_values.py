"""Channels in the trace carry their element type, their Go name and their buffered values as Go
prints them: the compiler records each MAKECHAN / TIMER_NEW / CTX_DONE site, the stepper stores the
site in the channel (C_SITE), the recorder writes it and the trace decoder reads it."""
import pytest

import gostep.api as api
from gostep import front
from gostep.views import text as vtext

SRC = """package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	results := make(chan string, 2)
	flags := make(chan bool, 1)
	done := make(chan struct{}, 1)
	nums := make(chan int, 3)
	errs := make(chan error, 1)
	ping := make(chan int)
	results <- "data"
	flags <- true
	done <- struct{}{}
	nums <- 1
	nums <- -7
	errs <- errors.New("boom")
	go func() { ping <- 42 }()
	t := time.NewTimer(time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	<-ctx.Done()
	fmt.Println(<-ping, cancel, t)
}
"""


def _src(body: str) -> str:
    return SRC.replace(SRC[SRC.index("func main() {"):], body)


@pytest.fixture(scope="module")
def trace():
    prog = front.parse(SRC.replace("\t<-ctx.Done()\n", "\tgo cancel()\n\t<-ctx.Done()\n\t<-t.C\n")
                       .replace("fmt.Println(<-ping, cancel, t)", "fmt.Println(<-ping)"), "chans.go")
    return api.simulate(prog, timeout="1s")


def _chans_at(tr, kind: str):
    """The channels of the first frame whose event is `kind` (by name)."""
    i = tr.find(kind)
    assert i >= 0, kind
    return {c.name: c for c in tr.frame(i).chans}


def test_program_runs(trace):
    """The program with channels of every element type runs to completion."""
    assert trace.outcome.exit == "ok", trace.outcome.message
    assert trace.outcome.stdout == ("42",)


def test_buffered_channels_show_type_name_and_go_values(trace):
    """Each buffered channel is named after its variable, has its element type and prints its
    buffered values as fmt.Println would (a string's text, true, {}, an error's message)."""
    cs = {c.name: c for c in trace.frame(trace.find("go")).chans}
    assert (cs["results"].elem, cs["results"].buf) == ("string", ("data",))
    assert (cs["flags"].elem, cs["flags"].buf) == ("bool", ("true",))
    assert (cs["done"].elem, cs["done"].buf) == ("struct{}", ("{}",))
    assert (cs["nums"].elem, cs["nums"].buf) == ("int", ("1", "-7"))
    assert (cs["errs"].elem, cs["errs"].buf) == ("error", ("boom",))
    assert (cs["ping"].elem, cs["ping"].cap, cs["ping"].buf) == ("int", 0, ())


def test_runtime_made_channels_are_named(trace):
    """A timer's channel is t.C of element time.Time; a context's Done channel is ctx.Done() of
    element struct{}."""
    cs = {c.name: c for c in trace.frame(len(trace) - 1).chans}
    assert cs["t.C"].elem == "time.Time" and cs["t.C"].cap == 1
    assert cs["ctx.Done()"].elem == "struct{}" and cs["ctx.Done()"].closed


def test_text_view_shows_name_and_type(trace):
    """The text view names the channel and its element type in its line."""
    txt = vtext.to_text(trace.frame(trace.find("go")))
    assert "results (chan string, cap 2, len 1): buf=[data]" in txt
    assert "done (chan struct{}, cap 1, len 1): buf=[{}]" in txt


def test_unnamed_channel_has_no_name():
    """A channel made in an argument (no variable receives it) has an empty name, its real type."""
    prog = front.parse(_src("""func main() {
	go func(c chan bool) { c <- false }(make(chan bool))
	time.Sleep(time.Millisecond)
	fmt.Println(errors.New("x"), context.Background())
}
"""), "anon.go")
    tr = api.simulate(prog, timeout="1s")
    cs = tr.frame(len(tr) - 1).chans
    assert [(c.name, c.elem) for c in cs] == [("", "bool")]


def test_cancel_made_done_channel_is_named_ctx_done():
    """A context cancelled before anyone called Done() gets its Done channel from the runtime:
    named ctx.Done(), element struct{}, closed."""
    prog = front.parse(_src("""func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fmt.Println(ctx.Err(), errors.New("x"), time.Duration(0))
}
"""), "cancel.go")
    tr = api.simulate(prog, timeout="1s")
    assert tr.outcome.exit == "ok", tr.outcome.message
    cs = tr.frame(len(tr) - 1).chans
    assert [(c.name, c.elem, c.closed) for c in cs] == [("ctx.Done()", "struct{}", True)]


def test_svg_cells_show_go_values(trace):
    """The SVG channel box shows the name, the element type and the values as Go prints them;
    a value too long for its cell is clipped and whole in a tooltip."""
    from gostep.views import svg
    pic = svg.to_svg(trace.frame(trace.find("go")))
    for shown in (">results</text>", ">chan string</text>", ">data</text>", ">true</text>",
                  ">{}</text>", ">boom</text>", ">-7</text>"):
        assert shown in pic, shown
    prog = front.parse(SRC.replace('results <- "data"', 'results <- "a longer string"'), "long.go")
    pic = svg.to_svg(api.simulate(prog, timeout="1s").frame(trace.find("go")))
    assert "<title>a longer string</title>" in pic and ">a lon…</text>" in pic


def test_stale_timer_value_is_a_time():
    """Under Go 1.22 semantics a fired timer's value waits in t.C: a time.Time, which its cell
    shows by the virtual time it was sent at."""
    from gostep.views import svg
    from gostep.views.fmt import fmt_ns
    prog = front.parse(_src("""func main() {
	t := time.NewTimer(time.Millisecond)
	time.Sleep(2 * time.Millisecond)
	fmt.Println(t.Stop(), errors.New("x"), context.Background())
}
"""), "stale.go", go="1.22")
    tr = api.simulate(prog, timeout="1s", go="1.22")
    i = next(i for i in range(len(tr)) if any(c.buf for c in tr.frame(i).chans))
    (c,) = tr.frame(i).chans
    assert c.name == "t.C" and c.elem == "time.Time"
    assert c.buf[0].startswith("0001-01-01 00:00:00 +0000 UTC m=+0.001")
    assert f">t={fmt_ns(tr.frame(i).time_ns)}</text>" in svg.to_svg(tr.frame(i))
