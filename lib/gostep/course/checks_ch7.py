"""Chapter 7's exercise checks (the pattern: `checks.py`, "How a check decides")."""
from __future__ import annotations

__all__: list[str] = []
