"""Chapter 6's tools: parsers of profiles and GODEBUG lines, who-woke-whom, cutting a program down."""
from __future__ import annotations

import pytest

import gostep.course as gsc
from gostep.course.checks import top_level_decls

GOROUTINE_1 = """goroutine profile: total 2
4 @ 0x47fa6a 0x45de92
#\t0x480a44\tinternal/sync.runtime_SemacquireMutex+0x24\truntime/sema.go:95
#\t0x4e4547\tmain.price+0x27\t\t\t\t\tgostep.run/svc.go:41
#\t0x4e4296\tmain.main+0x16\t\t\t\tgostep.run/gostep_harness.go:12
"""
GOROUTINE_2 = """goroutine 9 [sync.Mutex.Lock]:
internal/sync.runtime_SemacquireMutex(0x3d2a64b4150?, 0x3c?, 0x3d2a64a5ee8?)
\truntime/sema.go:95 +0x25
main.price(0x989680?)
\tgostep.run/svc.go:41 +0x56
created by main.gostep_main in goroutine 1
\tgostep.run/svc.go:94 +0x199
"""
MUTEX_1 = """--- mutex:
cycles/second=2000000000
sampling period=1
240000000 1 @ 0x4e44da 0x4e44d9
#\t0x4e44d9\tsync.(*Mutex).Unlock+0x119\tsync/mutex.go:65
#\t0x4e44d8\tmain.reloadPrices+0x118\t\tgostep.run/svc.go:36
"""
LEAK_1 = """goroutineleak profile: total 1
1 @ 0x47fa6a 0x41578e
#\t0x4e4e30\tmain.gostep_main.func1+0x30\tgostep.run/svc.go:71
"""
GC_LEAK = ("gc 1 @0.031s 0% (checking for goroutine leaks): 0.012+0.13+0.001 ms clock, "
           "0.012+0/0.022/0.10+0.001 ms cpu, 1->1->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P (forced)")


def _stdout():
    return ("mutex profile rate at start: 0\n=== goroutine profile (debug=1)\n" + GOROUTINE_1
            + "=== goroutine profile (debug=2)\n" + GOROUTINE_2 + "=== mutex profile (debug=1)\n"
            + MUTEX_1 + "=== goroutineleak profile (debug=1)\n" + LEAK_1)


def test_profiles_parse_each_section_and_name_the_program_frame():
    """The debug=1, debug=2, mutex and leak sections give the program's frame and line, harness frames dropped."""
    p = gsc.profiles(_stdout(), file="svc.go")
    assert "4 goroutine(s)  main.price line 41" in p.goroutines()
    assert "gostep_harness" not in p.goroutines()
    assert p.dump() == "goroutine   9 [sync.Mutex.Lock]  main.price line 41"
    assert "120.00 ms over 1 unlock(s)  charged to main.reloadPrices line 36" in p.mutex()
    assert p.leak().splitlines() == ["goroutineleak profile: total 1", "  1 leaked  main.main.func1 line 71"]
    c = p.conclusion()
    assert "4 x" not in c and "1 x [sync.Mutex.Lock] in main.price line 41" in c
    assert "most delay charged to main.reloadPrices line 36" in c


def test_gc_rows_read_go_1_27s_leak_check_note():
    """A gctrace line with Go 1.27's '(checking for goroutine leaks)' note is parsed, and the note kept."""
    rows = gsc.gc_rows([GC_LEAK, "unrelated line"])
    assert len(rows) == 1
    r = rows[0]
    assert r["n"] == 1 and r["forced"] and r["leak_check"] and r["clock_ms"] == [0.012, 0.13, 0.001]


def test_detail_view_conclusion_from_rows():
    """scheddetail rows: SCHED lines without brackets, G counts by wait reason, the gc line found."""
    from gostep.real.godebugtrace import parse_schedtrace
    lines = ["SCHED 5ms: gomaxprocs=1 idleprocs=1 threads=3 spinningthreads=0 needspinning=0 idlethreads=1 "
             "runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false",
             "  P0: status=0 schedtick=10 syscalltick=1 m=nil runqsize=0 gfreecnt=0 timerslen=6",
             "  G9: status=4(sync.Mutex.Lock) m=nil lockedm=nil",
             "  G10: status=4(sync.Mutex.Lock) m=nil lockedm=nil",
             "  G11: status=4(sleep) m=nil lockedm=nil"]
    dv = gsc.DetailView(tuple(parse_schedtrace(lines) + gsc.gc_rows([GC_LEAK])))
    assert dv.g_counts()[0][1]["waiting: sync.Mutex.Lock"] == 2
    c = dv.conclusion()
    assert "scheddetail moves them to the P lines): True" in c
    assert "at one SCHED line: 2" in c
    assert "checked for leaks: True" in c


def test_the_profiles_twin_serves_the_same_service():
    """mystery_service_profiles.go declares the same service functions as mystery_service.go."""
    a = top_level_decls(gsc.program_path("mystery_service").read_text())
    b = top_level_decls(gsc.program_path("mystery_service_profiles").read_text())
    for k in ("var mu", "var prices", "func reloadPrices", "func price", "func checksum", "func handle"):
        assert a[k] == b[k], k


@pytest.mark.slow
def test_model_who_woke_finds_the_lock_and_the_deadlines_that_woke_nobody():
    """In the model, four requests park in sync.Mutex.Lock at line 41 and the deadline goroutines ready nobody."""
    import gostep as gs
    t = gs.simulate(gs.load(str(gsc.program_path("mystery_service"))), gomaxprocs=1, seed=0)
    c = gsc.who_woke(t).conclusion()
    assert c.startswith("4 goroutines parked in sync.Mutex.Lock at line 41;")
    assert "started in main.reloadPrices" in c and c.endswith("readied nobody")


@pytest.mark.slow
def test_bisect_keeps_the_cuts_that_keep_the_symptom():
    """Cutting the audit log, the CPU work or three requests keeps the symptom; cutting the reload removes it."""
    b = gsc.bisect(gsc.program_path("mystery_service"))
    assert b.keep() == ("the audit log send", "the CPU work (checksum)", "three of the four requests")
    assert "GONE" in repr(b)


@pytest.mark.realgo
def test_real_trace_agrees_with_the_model(go_bin):
    """The real execution trace tells the same who-woke-whom story as the model."""
    import gostep as gs
    path = gsc.program_path("mystery_service")
    t = gs.simulate(gs.load(str(path)), gomaxprocs=1, seed=0)
    rt = gs.real.trace(str(path), gomaxprocs=1)
    assert gsc.who_woke(rt).conclusion() == gsc.who_woke(t).conclusion()


@pytest.mark.realgo
def test_two_assignments_lose_the_first_setting(go_bin):
    """Run by a real shell, two GODEBUG assignments print no SCHED lines; one comma-separated value prints both."""
    r = gsc.two_assignments(gsc.program_path("mystery_service_profiles"))
    (c1, s1, g1), (c2, s2, g2) = r.runs
    assert s1 == 0 and g1 >= 1 and s2 >= 1 and g2 >= 1


@pytest.mark.realgo
def test_no_mutexprofile_godebug_key_in_go_source(go_bin):
    """The pinned Go source has no "mutexprofile" GODEBUG key and no 'request body timed out' message."""
    assert not gsc.grep_goroot('"mutexprofile"', "runtime").hits
    assert not gsc.grep_goroot('"mutexprofile"', "internal/godebugs").hits
    assert not gsc.grep_goroot("request body timed out", "net/http").hits
    assert gsc.grep_goroot('"goroutineleak":', "runtime/pprof").hits
