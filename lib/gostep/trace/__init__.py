"""The Trace of a run (trace.py), Go's fmt rules (gofmt.py) and the Frame contract (frame.py)."""
from gostep.trace.trace import Trace

__all__ = ["Trace"]
