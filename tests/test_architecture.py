"""The one-way data flow of docs/architecture.md, checked on the import statements."""
import ast
import pathlib

LIB = pathlib.Path(__file__).resolve().parents[1] / "lib" / "gostep"


def _imports(pkg: str):
    for path in sorted((LIB / pkg).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    yield path, a.name
            elif isinstance(node, ast.ImportFrom):
                mod = node.module or ""
                if node.level:  # relative import: resolve against the package
                    rel = path.relative_to(LIB).parent.parts
                    base = ["gostep", *rel[: len(rel) - (node.level - 1)]]
                    mod = ".".join(base + ([mod] if mod else []))
                for a in node.names:     # `from gostep.model import isa` names gostep.model.isa
                    yield path, f"{mod}.{a.name}" if mod else a.name


def test_core_imports_only_numpy_numba_and_isa():
    """The stepper core depends on nothing but numpy, numba, the standard library and the ISA constants."""
    allowed_prefixes = ("numpy", "numba", "gostep.core", "gostep.model.isa", "__future__")
    stdlib = {"os", "sys", "math", "typing", "collections", "dataclasses", "enum", "functools", "time",
              "warnings", "hashlib", "pathlib", "mmap", "weakref"}
    bad = [(p.name, m) for p, m in _imports("core")
           if not m.startswith(allowed_prefixes) and m.split(".")[0] not in stdlib]
    assert bad == []


def test_views_never_import_widgets():
    """Views are pure functions of a frame and never reach into the widget layer."""
    bad = [(p.name, m) for p, m in _imports("views") if m.startswith("gostep.widgets") or m.startswith("ipywidgets")]
    assert bad == []
