"""gostep.course: the helpers the chapter notebooks call.

Design: thin notebooks, helpers here
====================================

A chapter cell is short: load a program, simulate, show, ask. Everything longer than about ten
lines lives in this package, where it is tested (tests/course/test_course_*.py):

    predict(question, options, answer, explanation)   a question asked before the reveal
    myth("C20")                                       a "myth vs fact" box from the claim register
    show_source(path)                                 a course program, shown from its file
    env_check()                                       what works on this machine, and how to fix the rest
    check_*(...)                                      exercise checks that run the reader's Go
    delay_histogram(model_ms, real_ms)                model and real Go on the same axes and bins
    band(values, lo, hi)                              the deterministic conclusion of a noisy real run

Every object a cell displays has a deterministic plain-text repr, because nbval compares
`text/plain` outputs: no widget ids, no paths of this machine, no timestamps.

Alternatives rejected:
- Helpers defined in the notebooks (`%run helpers.py`, or long cells): untested, repeated across
  chapters, and they make the notebooks long. d2l and nbdev both keep the logic in the library.
- A custom anywidget for the prediction: stock ipywidgets (ToggleButtons, Button, HTML) already do
  it, render in JupyterLab and VS Code, and need no JavaScript build.
- Reading the claim register from the shared fact sheet at run time: the notebooks must run from a
  clone of this repository alone, so the claims the chapters use are copied (with their evidence)
  into `claims.py`, and a test checks the chapters cite only claims that are there.

Import it as a submodule (`import gostep.course as gsc`); it imports gostep's stepper, player and
real-Go modules lazily, inside the functions that need them, so `env_check()` works even when one
of them is broken or missing.
"""
from __future__ import annotations

from .predict import Prediction, predict
from .myth import Myth, Myths, myth, myths
from .claims import CLAIMS
from .source import show_source, program_path
from .env import EnvReport, env_check
from .hist import delay_histogram, same_bins, summary
from .realgo import band, Band, recorded
from .runs import model_delays, real_delays
from .schedview import sched_view, SchedView
from .spinner import spinner_program, experiment, Setting, SETTINGS
from .ostrace import strace_sysmon, parse_strace
from .tracetools import (steps, deadline_chain, sysmon_sleeps, who_ran, fmt_ns, real_chain,
                         chain_side_by_side)
from .checks import CheckResult, check_choice, parse_duration_ms
from . import checks_ch0, checks_ch1, checks_ch2, checks_ch3, checks_ch4, checks_ch5, checks_ch6, checks_ch7, ch0, ch1, ch2_figures, fixcost, ch3, ch4, ch5, ch6, ch7, challenges
from .checks_ch0 import *  # noqa: F401,F403  (each chapter's checks: its own module and __all__)
from .checks_ch1 import *  # noqa: F401,F403
from .checks_ch2 import *  # noqa: F401,F403
from .checks_ch3 import *  # noqa: F401,F403
from .checks_ch4 import *  # noqa: F401,F403
from .checks_ch5 import *  # noqa: F401,F403
from .ch0 import *  # noqa: F401,F403
from .ch1 import *  # noqa: F401,F403
from .ch2_figures import *  # noqa: F401,F403
from .fixcost import *  # noqa: F401,F403
from .ch3 import *  # noqa: F401,F403
from .ch4 import *  # noqa: F401,F403
from .ch5 import *  # noqa: F401,F403
from .checks_ch6 import *  # noqa: F401,F403
from .checks_ch7 import *  # noqa: F401,F403
from .ch6 import *  # noqa: F401,F403
from .ch7 import *  # noqa: F401,F403
from .challenges import *  # noqa: F401,F403  (chapter 8)

__all__ = [
    "Prediction", "predict", "Myth", "Myths", "myth", "myths", "CLAIMS", "show_source", "program_path",
    "EnvReport", "env_check", "delay_histogram", "same_bins", "summary", "band", "Band", "recorded",
    "CheckResult", "check_choice", "parse_duration_ms",
    *checks_ch0.__all__, *checks_ch1.__all__, *checks_ch2.__all__,
    *checks_ch3.__all__, *checks_ch4.__all__, *checks_ch5.__all__,
    *ch0.__all__, *ch1.__all__, *ch2_figures.__all__, *fixcost.__all__, *ch3.__all__, *ch4.__all__, *ch5.__all__,
    *checks_ch6.__all__, *checks_ch7.__all__, *ch6.__all__, *ch7.__all__, *challenges.__all__, "model_delays", "real_delays", "sched_view", "SchedView", "spinner_program", "experiment", "Setting", "SETTINGS", "strace_sysmon", "parse_strace",
    "steps", "deadline_chain", "sysmon_sleeps", "who_ran", "fmt_ns", "real_chain", "chain_side_by_side",
]
