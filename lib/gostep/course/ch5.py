"""Chapter 5's library code: timers and context across Go versions."""
from __future__ import annotations

__all__: list[str] = []
