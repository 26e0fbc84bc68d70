"""Chapter 5's library (lib/gostep/course/ch5.py): the measured version table, its recorded
fallback in assets/ch5_versions.json, and the side-by-side picture."""
from __future__ import annotations

import pytest

import gostep.course as gsc
from gostep.course import ch5
from gostep.real.toolchain import find_go


def test_recorded_table_is_complete_and_says_when():
    """The recorded table has a row per chapter toolchain, its date and toolchains, and its conclusions hold."""
    rec = gsc.recorded_versions()
    assert set(rec["rows"]) == set(gsc.VERSIONS)
    assert rec["recorded"] and len(rec["toolchains"]) == len(gsc.VERSIONS)
    table = gsc.VersionTable({v: rec["rows"][v] for v in gsc.VERSIONS})
    assert all(ok for _, ok in table.conclusions()), table.conclusions()


def test_missing_toolchain_is_filled_from_the_record_and_says_so():
    """A toolchain that is not installed gets the recorded row, labelled with the date and version."""
    rec = {"recorded": "2000-01-01", "rows": {"1.99": dict(gsc.recorded_versions()["rows"]["1.21"],
                                                           version="go1.99.0")}}
    table = gsc.measure_versions(versions=("1.99",), recorded=rec)
    assert "NOT INSTALLED: recorded 2000-01-01 on go1.99.0" in table.source["1.99"]
    assert "go1.99.0" in repr(table)


def test_conclusions_catch_a_wrong_table():
    """A table where a 1.23 dropped timer stays alive, or fewer goroutines start, fails its conclusions."""
    rows = {v: dict(r) for v, r in gsc.recorded_versions()["rows"].items()}
    rows["1.23"]["live_objects_per_dropped_timer"] = 3.0
    rows["1.21"]["goroutines_created_fired"] = 12.0
    bad = [t for t, ok in gsc.VersionTable(rows).conclusions() if not ok]
    assert len(bad) == 2


def test_pair_picture_is_one_svg_with_both_labels():
    """The static side-by-side picture is one SVG holding both frames and both labels."""
    import gostep as gs
    tr = {v: gs.simulate(gs.load("course/programs/reset_stale.go", go=v), go=v) for v in ("1.22", "1.23")}
    sb = gsc.side_by_side(tr["1.22"], tr["1.23"], ("Go 1.22 semantics", "Go 1.23 semantics"), offset=-1)
    svg = sb.picture()
    assert svg.startswith("<svg") and svg.count("<svg") == 3
    assert "Go 1.22 semantics" in svg and "Go 1.23 semantics" in svg
    fa, fb = sb.cmp.frames()
    assert [c.buf for c in fa.chans] == [(str(fa.chans[0].buf[0]),)]     # 1.22: the stale value waits
    assert [c.buf for c in fb.chans] == [()]                             # 1.23: none


@pytest.mark.realgo
@pytest.mark.slow
def test_measure_and_refresh_the_recorded_table(go_bin):
    """On every chapter toolchain: measure, check the conclusions, and refresh assets/ch5_versions.json."""
    missing = [v for v in gsc.VERSIONS if find_go(v) is None]
    if missing:
        pytest.skip(f"toolchains {missing} not installed (run `make go-versions`)")
    table = gsc.measure_versions()
    assert all(s.startswith("measured") for s in table.source.values())
    assert all(ok for _, ok in table.conclusions()), table.conclusions()
    data = gsc.record_versions(table)
    assert data["toolchains"] == [table.rows[v]["version"] for v in gsc.VERSIONS]


@pytest.mark.realgo
@pytest.mark.slow
def test_stale_runs_separate_old_and_new_channels(go_bin):
    """reset_stale.go: the old channels (1.22.10, 1.23.9 with go 1.22) read at about 50 ms, the new at about 150 ms."""
    runs = ch5.stale_runs(runs=1)
    for label, (ms, _) in runs.items():
        stale = "1.22" in label
        assert all((45 <= x <= 120) if stale else (145 <= x <= 400) for x in ms), (label, ms)


@pytest.mark.realgo
def test_asynctimerchan_is_a_fatal_error_on_1_27_in_real_go_and_the_model(go_bin):
    """Go 1.27.3 with GODEBUG=asynctimerchan=1 dies at start-up with the removed-GODEBUG fatal error; so does the model."""
    import gostep as gs
    from gostep.course.source import program_path
    path = str(program_path("reset_stale"))
    real = gs.real.run(path, go="1.27", godebug="asynctimerchan=1")
    model = gs.simulate(gs.load(path), godebug="asynctimerchan=1").outcome
    want = 'removed GODEBUG "asynctimerchan" set to old value "1" in environment'
    assert real.exit == model.exit == "fatal"
    assert want in real.message and want in model.message
