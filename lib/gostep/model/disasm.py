"""A text listing of a CompiledProgram, for tests, debugging and the course's "what the stepper
runs" asides:

    main.main  (nparams 0, nlocals 3, flags STACKCHECK)
       0  5:2   PUSH 0
       1  5:2   MAKECHAN            ; ch
"""
from __future__ import annotations

from . import isa

OPNAMES = {v: k for k, v in vars(isa).items()
           if k.isupper() and isinstance(v, int) and not k.startswith(("T_", "BI_", "FN_", "NUM_"))
           and 0 <= v < isa.NUM_OPS}
_FLAGS = ((isa.FN_STACKCHECK, "STACKCHECK"), (isa.FN_CLOSURE, "CLOSURE"),
          (isa.FN_SYNTHETIC, "SYNTHETIC"))


def flag_names(flags: int) -> str:
    return "|".join(n for b, n in _FLAGS if flags & b) or "-"


def ops_of(prog, fn: int) -> list:
    """The opcode names of function fn, in order (entry .. its epilogue RETURN)."""
    start = int(prog.fn_entry[fn])
    end = int(prog.fn_ret_pc[fn])
    return [OPNAMES[int(prog.code[pc, 0])] for pc in range(start, end + 1)]


def disasm(prog) -> str:
    out = []
    order = sorted(range(len(prog.fn_names)), key=lambda i: int(prog.fn_entry[i]))
    for i in order:
        out.append(f"{prog.fn_names[i]}  (nparams {prog.fn_nparams[i]}, nlocals "
                   f"{prog.fn_nlocals[i]}, nresults {prog.fn_nresults[i]}, flags "
                   f"{flag_names(int(prog.fn_flags[i]))})")
        start = int(prog.fn_entry[i])
        nxt = [int(prog.fn_entry[j]) for j in order if int(prog.fn_entry[j]) > start]
        end = min(nxt) if nxt else len(prog.code)
        for pc in range(start, end):
            op, a, b, c = (int(v) for v in prog.code[pc])
            name = OPNAMES.get(op, f"?{op}")
            args = " ".join(str(v) for v in (a, b) if True)
            hint = f"  ; {prog.hints[pc]}" if pc in prog.hints else ""
            if op == isa.PUSH and 0 <= a < len(prog.strings) and False:
                hint = ""
            line, col = (int(v) for v in prog.pos[pc])
            out.append(f"  {pc:4d} {line:3d}:{col:<3d} {name:<16s} {args}{hint}")
    return "\n".join(out)
