"""Go's fmt rules for the subset: what fmt.Println / Printf / Print and the builtin println print.

Values arrive as (type code, int64) pairs from the stepper's output log (isa.PRINT); this module
turns them into the text real Go prints: bools true/false, a nil error "<nil>", errors by their
message, durations with time.Duration.String ("5ms", "1.5s", "20.312ms", "0s", "1h0m0s"), slices
"[1 2 3]". println (to stderr) follows runtime/print.go instead: no Stringer, so a Duration prints
as its integer and a bool as true/false.
"""
from __future__ import annotations

from gostep.model import isa

ERR_NAMES = {0: "<nil>", 1: "context canceled", 2: "context deadline exceeded"}
RT_MESSAGES = ("", "runtime error: integer divide by zero", "send on closed channel",
               "close of nil channel", "close of closed channel", "sync: negative WaitGroup counter",
               "runtime error: index out of range", "runtime error: invalid memory address or nil pointer dereference",
               "runtime error: panic called with nil argument")
RT_INDEX = 6
RT_INDEX_BIAS = 1 << 30     # core/slice.py op_slice (INDEX): -(RT_INDEX + 16 * (i + BIAS + 2**31 * len))


def rt_message(u: int) -> str:
    """The message of runtime error u (the negated value of a T_RUNTIME_ERROR): its code in the
    low four bits; an index error carries the index and the length above them, printed as Go's
    runtime.boundsError does (runtime/error.go: "index out of range [5] with length 3", or
    "index out of range [-1]" for a negative index)."""
    code, rest = u % 16, u // 16
    if code == RT_INDEX and rest:
        i = rest % (1 << 31) - RT_INDEX_BIAS
        n = rest // (1 << 31)
        return f"runtime error: index out of range [{i}]" + ("" if i < 0 else f" with length {n}")
    return RT_MESSAGES[code] if code < len(RT_MESSAGES) else "?"


# fmt's type names for a wrong verb ("%!d(bool=true)": fmt/print.go badVerb); the value is then
# printed with %v and without String/Error methods
_TYPE_NAMES = {isa.T_INT: "int", isa.T_BOOL: "bool", isa.T_STRING: "string",
               isa.T_DURATION: "time.Duration"}
_VERBS_OK = {isa.T_INT: "dvqxXobc", isa.T_BOOL: "tv", isa.T_STRING: "sqvxX",
             isa.T_DURATION: "dvsqxXob"}
T_PRINT_STRUCT0 = 64        # gostep.model.types.T_PRINT_STRUCT0: a struct{}{} operand


def _hex(text: str, verb: str, sharp: bool) -> str:
    """fmt/format.go fmtSbx: %x / %X of a string (or of a Stringer's String()), two hex digits a
    byte, '#' adds 0x / 0X."""
    h = text.encode().hex()
    if verb == "X":
        h = h.upper()
    return (("0X" if verb == "X" else "0x") if sharp and h else "") + h


def int_verb(v: int, verb: str, sharp: bool = False) -> str:
    """fmt's integer verbs (fmt/format.go fmtInteger): %x %X %o %b in that base, the sign first,
    with '#' a 0x / 0X / 0 prefix; %c the rune."""
    if verb == "c":
        return chr(v) if 0 <= v <= 0x10FFFF and not 0xD800 <= v <= 0xDFFF else "\ufffd"
    body = format(abs(v), {"x": "x", "X": "X", "o": "o", "b": "b"}[verb])
    if sharp:
        body = {"x": "0x", "X": "0X", "o": "0", "b": ""}[verb] + body
    return ("-" if v < 0 else "") + body


def quote_rune(r: int) -> str:
    """strconv.QuoteRune, for %q of an integer."""
    specials = {7: r"\a", 8: r"\b", 12: r"\f", 10: r"\n", 13: r"\r", 9: r"\t", 11: r"\v",
                39: r"\'", 92: "\\\\"}
    if r in specials:
        return "'" + specials[r] + "'"
    if r < 0 or r > 0x10FFFF or 0xD800 <= r <= 0xDFFF:
        r = 0xFFFD
    ch = chr(r)
    if ch.isprintable():
        return f"'{ch}'"
    if r < 0x80:
        return "'\\x%02x'" % r
    if r < 0x10000:
        return "'\\u%04x'" % r
    return "'\\U%08x'" % r


def _frac(v: int, prec: int) -> tuple[str, int]:
    """time.fmtFrac: the fraction v % 10**prec without trailing zeros, and v // 10**prec."""
    digits = []
    printed = False
    for _ in range(prec):
        d = v % 10
        printed = printed or d != 0
        if printed:
            digits.append(str(d))
        v //= 10
    s = ("." + "".join(reversed(digits))) if printed else ""
    return s, v


def duration(d: int) -> str:
    """time.Duration.String (time/time.go)."""
    if d == 0:
        return "0s"
    neg = d < 0
    u = -d if neg else d
    if u < 1_000_000_000:
        if u < 1000:
            s = f"{u}ns"
        elif u < 1_000_000:
            f, w = _frac(u, 3)
            s = f"{w}{f}µs"
        else:
            f, w = _frac(u, 6)
            s = f"{w}{f}ms"
    else:
        f, u = _frac(u, 9)
        s = f"{u % 60}{f}s"
        u //= 60
        if u > 0:
            s = f"{u % 60}m" + s
            u //= 60
            if u > 0:
                s = f"{u}h" + s
    return ("-" if neg else "") + s


def quote(s: str) -> str:
    """strconv.Quote for printable text."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Values:
    """Decodes ids (strings, errors, ifaces) with the tables of a finished run."""

    def __init__(self, strings, err_msg, if_type, if_val):
        self.strings = strings
        self.err_msg = err_msg
        self.if_type = if_type
        self.if_val = if_val

    def string(self, v: int) -> str:
        if v < 0:
            return rt_message(-v)
        return self.strings[v] if 0 <= v < len(self.strings) else ""

    def error(self, v: int) -> str:
        if v in ERR_NAMES:
            return ERR_NAMES[v]
        if 0 < v < len(self.err_msg):
            return self.string(int(self.err_msg[v]))
        return "<error>"

    def value(self, typ: int, v: int, elem: int = 0, vals=None, verb: str = "v",
              sharp: bool = False) -> str:
        if typ == T_PRINT_STRUCT0:
            return "{}"                         # a struct with no fields, whatever the verb
        if typ in _VERBS_OK and verb not in _VERBS_OK[typ]:
            shown = (self.string(v) if typ == isa.T_STRING else ("true" if v else "false")
                     if typ == isa.T_BOOL else str(v))
            return f"%!{verb}({_TYPE_NAMES[typ]}={shown})"
        if typ in (isa.T_ERROR, isa.T_ANY) and v == 0 and verb != "v":
            return f"%!{verb}(<nil>)"           # fmt's badVerb for a nil operand
        if typ == isa.T_INT and verb == "q":
            return quote_rune(v)
        if typ == isa.T_DURATION and verb in "xX":   # handleMethods: String(), then hex of it
            return _hex(duration(v), verb, sharp)
        if typ in (isa.T_INT, isa.T_DURATION) and verb in "xXobc":
            return int_verb(v, verb, sharp)
        if typ == isa.T_INT:
            return str(v)
        if typ == isa.T_BOOL:
            return "true" if v else "false"
        if typ == isa.T_STRING and verb in "xX":
            return _hex(self.string(v), verb, sharp)
        if typ == isa.T_STRING:
            return quote(self.string(v)) if verb == "q" else self.string(v)
        if typ == isa.T_ERROR and verb in "xX":      # handleMethods: Error(), then hex of it
            return _hex(self.error(v), verb, sharp)
        if typ == isa.T_ERROR:
            return quote(self.error(v)) if verb == "q" else self.error(v)
        if typ == isa.T_DURATION:
            if verb == "q":
                return quote(duration(v))
            return str(v) if verb == "d" else duration(v)
        if typ == isa.T_TIME:
            return f"0001-01-01 00:00:00 +0000 UTC m=+{v / 1e9:.9f}"
        if typ == isa.T_CHAN:
            return "<nil>" if v == 0 else f"0xc0000{v:05x}"
        if typ == isa.T_ANY:
            if v == 0:
                return "<nil>"
            return self.value(int(self.if_type[v]), int(self.if_val[v]), verb=verb)
        if typ == isa.T_RUNTIME_ERROR:
            return quote(self.string(v)) if verb == "q" else self.string(v)
        if typ == isa.T_SLICE:                  # printValue: the verb applies to each element
            items = vals or []
            return "[" + " ".join(self.value(elem, x, verb=verb, sharp=sharp) for x in items) + "]"
        if typ == isa.T_FUNC:
            return "<nil>" if v == 0 else f"0x4{v:05x}"
        if typ == isa.T_CTX:
            return {1: "context.Background", 2: "context.TODO"}.get(v, f"context#{v}")
        return str(v)

    def type_name(self, typ: int, v: int, elem: int = 0) -> str:
        """The operand's dynamic type as fmt names it in %!(EXTRA type=value) (fmt/print.go
        doPrintf: reflect.TypeOf(arg).String(); "<nil>" alone for a nil interface)."""
        if typ == isa.T_ANY and v != 0:
            return self.type_name(int(self.if_type[v]), int(self.if_val[v]))
        if typ in (isa.T_ERROR, isa.T_ANY) and v == 0:
            return ""
        if typ == isa.T_ERROR:      # errors.New, context.Canceled: *errors.errorString
            return "context.deadlineExceededError" if v == 2 else "*errors.errorString"
        if typ == isa.T_SLICE:
            return "[]" + self.type_name(elem, 1)
        return {isa.T_INT: "int", isa.T_BOOL: "bool", isa.T_STRING: "string",
                isa.T_DURATION: "time.Duration", isa.T_TIME: "time.Time", T_PRINT_STRUCT0: "struct {}",
                isa.T_RUNTIME_ERROR: "runtime.Error"}.get(typ, "?")

    def println_value(self, typ: int, v: int) -> str:
        """runtime/print.go: the builtin println."""
        if typ == isa.T_BOOL:
            return "true" if v else "false"
        if typ == isa.T_STRING:
            return self.string(v)
        if typ in (isa.T_ERROR, isa.T_ANY, isa.T_CHAN, isa.T_FUNC):
            return "(0x0,0x0)" if v == 0 else f"(0x4{v:05x},0xc0000{v:05x})"
        return str(v)


def printf(fmt: str, args, V: Values) -> str:
    """fmt.Sprintf for the verbs %d %s %v %t %q %x %X %o %b %c %%, with the flags - + # 0 and a
    width (fmt/print.go doPrintf, fmt/format.go pad / fmtInteger)."""
    out = []
    i = 0
    k = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch != "%":
            out.append(ch)
            i += 1
            continue
        j = i + 1
        while j < len(fmt) and fmt[j] in "-+# 0123456789.":
            j += 1
        if j >= len(fmt):
            out.append("%!(NOVERB)")
            break
        verb = fmt[j]
        flags = fmt[i + 1:j]
        i = j + 1
        if verb == "%":
            out.append("%")
            continue
        if k >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        typ, v, elem, vals = args[k]
        k += 1
        s = V.value(typ, v, elem, vals, verb=verb, sharp="#" in flags)
        if flags:
            w = flags.lstrip("-+# 0")
            try:
                width = int(w.split(".")[0]) if w and w.split(".")[0] else 0
            except ValueError:
                width = 0
            intv = (typ in (isa.T_INT, isa.T_DURATION) and verb in "dxXob") or \
                (typ == isa.T_INT and verb == "v")
            prec = w.split(".")[1] if "." in w else None
            if typ == isa.T_STRING and verb in "sv" and prec is not None:   # fmtS: truncate
                s = V.string(v)[:int(prec or 0)]
            if intv and prec is not None:         # fmtInteger: precision = minimum digits
                digits = s.lstrip("-")
                s = s[:len(s) - len(digits)] + digits.rjust(int(prec or 0), "0")
                if prec in ("", "0") and v == 0:
                    s = ""
            if "+" in flags and intv and v >= 0:
                s = "+" + s
            if width:
                zero = ("0" in flags.split(".")[0][:len(flags) - len(w)] and "-" not in flags
                        and intv and prec is None)
                if "-" in flags:
                    s = s.ljust(width)
                elif zero and s[:1] in "+-":        # fmt pads after the sign: %05d of -7 is -0007
                    s = s[0] + s[1:].rjust(width - 1, "0")
                else:
                    s = s.rjust(width, "0" if zero else " ")
        out.append(s)
    if k < len(args):
        extra = []
        for t, v, e, vs in args[k:]:
            name = V.type_name(t, v, e)
            extra.append(f"{name}={V.value(t, v, e, vs)}" if name else "<nil>")
        out.append("%!(EXTRA " + ", ".join(extra) + ")")
    return "".join(out)


def render(kind: int, fmt: str, args, V: Values) -> str:
    """One print call's text (with its newline for Println/println)."""
    if kind == 1:
        return " ".join(V.value(t, v, e, vs) for t, v, e, vs in args) + "\n"
    if kind == 2:
        return printf(fmt, args, V)
    if kind == 3:
        return " ".join(V.println_value(t, v) for t, v, e, vs in args) + "\n"
    # fmt.Print: a space between operands when neither is a string
    out = []
    for i, (t, v, e, vs) in enumerate(args):
        if i > 0 and t != isa.T_STRING and args[i - 1][0] != isa.T_STRING:
            out.append(" ")
        out.append(V.value(t, v, e, vs))
    return "".join(out)
