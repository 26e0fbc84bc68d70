"""Chapter 7's library code (star-imported into gostep.course: list public names in __all__)."""
from __future__ import annotations

__all__: list[str] = []
