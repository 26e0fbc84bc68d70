"""The compiled program: what the front end hands to the stepper.

`gostep.front.load(path)` / `gostep.front.parse(source, name)` return a `CompiledProgram`.
`gostep.core` only reads the numpy arrays and the header ints; the Python lists (names, strings,
print descriptors, hints) are for the trace decoder and the views. The instruction set is
documented in `isa.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Fmt:
    """A print descriptor (see isa.PRINT)."""
    kind: int                 # 1 fmt.Println, 2 fmt.Printf, 3 println (stderr), 4 fmt.Print
    format: str               # the Printf format string ("" for Println/println/Print)
    arg_types: tuple          # isa.T_* per argument
    elem_types: tuple = ()    # for T_SLICE arguments: the element type code, else 0


@dataclass(frozen=True)
class CompiledProgram:
    filename: str             # as given (for messages FILE:LINE:COL); views show its basename
    source: str               # the Go source text
    go_version: tuple         # (1, 27): the language/API version it was checked against
    code: np.ndarray          # int64[n, 4]  (op, a, b, c)
    pos: np.ndarray           # int32[n, 2]  (line, col), 1-based
    fn_entry: np.ndarray      # int64[nf]
    fn_nparams: np.ndarray    # int64[nf]
    fn_nlocals: np.ndarray    # int64[nf]   parameters + locals + result slot
    fn_nresults: np.ndarray   # int64[nf]   0 or 1
    fn_flags: np.ndarray      # int64[nf]   isa.FN_*
    fn_ret_pc: np.ndarray     # int64[nf]   pc of the epilogue RETURN
    fn_names: tuple           # Go names: "main.main", "main.worker", "main.main.func1", ...
    n_globals: int
    strings: tuple            # interned string constants
    fmts: tuple               # Fmt per PRINT descriptor id
    deadline_fn: int          # index of the synthetic "context.WithDeadlineCause.func2"
    hints: dict = field(default_factory=dict)   # pc -> Go expression naming the object that the
                                                # instruction at pc creates ("ch", "ctx", "t", "wg")
    chan_types: dict = field(default_factory=dict)   # pc -> (element type as Go spells it,
                                                # Fmt code of one value: isa.T_* or T_PRINT_STRUCT0)
                                                # of the channel that the MAKECHAN, TIMER_NEW or
                                                # CTX_DONE at pc makes (the trace prints buffered
                                                # values with it)
    fn_lines: tuple = ()      # (first_line, last_line) per function, for the code panel
    fv_tramp: tuple = ()      # per builtin func value kind (isa.BI_CANCEL, BI_CANCELCAUSE,
                              # BI_AFTERFUNC_STOP, BI_WG_DONE): the synthetic function a goroutine
                              # started on such a value runs (go f(), time.AfterFunc, context.AfterFunc)
    from_source: bool = False  # True when the front end compiled `source` (so it can compile it
                               # again for another Go version); False for hand-assembled programs
    fn_maxstack: np.ndarray | None = None   # int64[nf] the most operand-stack slots each function
                               # uses above its locals (model/verify.py); the stepper reserves
                               # fn_nlocals + fn_maxstack slots when it pushes the function's frame.
                               # None for hand-assembled programs: verify.with_stack_depths adds it

    @property
    def lines(self) -> list:
        return self.source.splitlines()

    @property
    def name(self) -> str:
        return self.filename.replace("\\", "/").rsplit("/", 1)[-1]
