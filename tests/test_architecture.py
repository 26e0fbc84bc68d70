"""The shape of docs/architecture.md, checked on the import statements: one test per rule it states.

The module graph is read with `ast` from every file of lib/gostep, imports inside functions
included (a lazy import is still a dependency): `import a.b`, `from a import b` (an edge to the
module a.b when it exists, else to a), relative imports, `importlib.import_module("gostep...")`,
and the facade's lazy names (`from gostep import simulate`, `gs.simulate` after `import gostep as
gs`: an edge to the module gostep/__init__.py's _LAZY maps the name to).
"""
from __future__ import annotations

import ast
import json
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
LIB = ROOT / "lib" / "gostep"

# The layers of docs/architecture.md, lowest first. A package may import only packages of a
# lower layer (and itself): two packages of the same layer never import each other.
LAYERS = (
    ("gostep.durations", "gostep.warming"),
    ("gostep.model", "gostep.corpus"),
    ("gostep.front", "gostep.core"),
    ("gostep.trace",),
    ("gostep.views",),
    ("gostep.widgets",),
    ("gostep.api",),
    ("gostep.real",),
    ("gostep", "gostep.cli"),
    ("gostep.course", "gostep.book", "gostep.__main__"),
)


def _modname(path: pathlib.Path) -> str:
    parts = list(path.relative_to(LIB.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


FILES = {_modname(p): p for p in sorted(LIB.rglob("*.py")) if "__pycache__" not in p.parts}


def _package(mod: str) -> str:
    """The package a module's relative imports resolve against (itself for an __init__.py)."""
    return mod if FILES[mod].name == "__init__.py" else mod.rpartition(".")[0]


def _facade_lazy() -> dict:
    """gostep/__init__.py's _LAZY: public name -> the module that defines it."""
    for node in ast.parse((LIB / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_LAZY":
            return {k: v[0] for k, v in ast.literal_eval(node.value).items()}
    raise AssertionError("gostep/__init__.py has no _LAZY table")


LAZY = _facade_lazy()


def _module_of(name: str) -> str | None:
    """The gostep module `name` is or lies in (gostep.model.isa.SEND -> gostep.model.isa)."""
    while name and name not in FILES:
        name = name.rpartition(".")[0]
    return name or None


def raw_imports(tree: ast.AST, pkg: str):
    """(imported name, node) for every import in a module whose package is `pkg`, absolute names."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, node
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([mod] if mod else []))
            for a in node.names:
                yield (f"{mod}.{a.name}" if mod else a.name), node
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
              == "import_module" and node.args and isinstance(node.args[0], ast.Constant)):
            yield str(node.args[0].value), node


def _edges(mod: str, path: pathlib.Path) -> set:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out, facade = set(), set()
    for name, node in raw_imports(tree, _package(mod)):
        if name.split(".")[0] != "gostep":
            continue
        if isinstance(node, ast.Import) and name == "gostep":
            facade.add(node.names[0].asname or "gostep")
        if isinstance(node, ast.ImportFrom) and name.rpartition(".")[0] == "gostep" \
                and name.rpartition(".")[2] in LAZY:
            out.add(LAZY[name.rpartition(".")[2]])          # from gostep import simulate
        else:
            out.add(_module_of(name))
    for node in ast.walk(tree):                             # gs.simulate after import gostep as gs
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in facade:
            if node.attr in LAZY:
                out.add(LAZY[node.attr])
            elif f"gostep.{node.attr}" in FILES:
                out.add(f"gostep.{node.attr}")
    if mod == "gostep":
        out |= set(LAZY.values())                            # the facade's lazy names are imports
    out.discard(mod)
    out.discard(None)
    return out


GRAPH = {m: _edges(m, p) for m, p in FILES.items()}


def package_of(mod: str) -> str:
    """The top package of a module: gostep.front.check -> gostep.front; gostep -> gostep."""
    return ".".join(mod.split(".")[:2])


def cycles(graph: dict) -> list:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                out.append(sorted(comp))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _imports_of(prefix: str):
    """(module, imported gostep module) for every module under `prefix`."""
    return [(m, t) for m, ts in GRAPH.items() if package_of(m) == prefix for t in sorted(ts)]


def test_graph_sees_the_known_imports():
    """The graph finds top-level, function-level, relative and facade imports (so a rule can fail)."""
    assert "gostep.model.isa" in GRAPH["gostep.core.interp"]             # top level, absolute
    assert "gostep.model.compile" in GRAPH["gostep.front"]               # inside parse(), relative
    assert "gostep.api" in GRAPH["gostep.course.checks"]                 # gs.simulate in a function
    assert "gostep.api" in GRAPH["gostep"]                               # the facade's _LAZY
    assert len(GRAPH) > 90 and sum(map(len, GRAPH.values())) > 250


def test_no_import_cycles_between_modules():
    """No module of gostep imports itself back through others, counting imports inside functions."""
    assert cycles(GRAPH) == []


def test_packages_flow_one_way_through_the_layers():
    """Every import between two packages goes down the layers of docs/architecture.md."""
    layer = {p: i for i, ps in enumerate(LAYERS) for p in ps}
    assert {package_of(m) for m in GRAPH} <= set(layer), "a package docs/architecture.md does not place"
    bad = [(m, t) for m, ts in GRAPH.items() for t in ts
           if package_of(m) != package_of(t) and layer[package_of(t)] >= layer[package_of(m)]]
    assert bad == []


def test_core_imports_only_numpy_numba_and_isa():
    """The stepper core depends on nothing but numpy, numba, the standard library and the ISA constants."""
    allowed = ("numpy", "numba", "gostep.core", "gostep.model.isa")
    bad = []
    for m, p in FILES.items():
        if package_of(m) == "gostep.core":
            for name, _ in raw_imports(ast.parse(p.read_text(encoding="utf-8")), _package(m)):
                if not name.startswith(allowed) and name.split(".")[0] not in sys.stdlib_module_names:
                    bad.append((m, name))
    assert bad == []


def test_model_never_imports_the_front_end():
    """The program model and the compiler (gostep.model) never import the front end: front -> model."""
    assert [(m, t) for m, t in _imports_of("gostep.model") if t.startswith("gostep.front")] == []


def test_trace_never_imports_views_or_widgets():
    """The state readers (gostep.trace) know nothing of how a frame is drawn or played."""
    assert [(m, t) for m, t in _imports_of("gostep.trace")
            if t.startswith(("gostep.views", "gostep.widgets"))] == []


def test_views_never_import_widgets():
    """Views are pure functions of a frame and never reach into the widget layer."""
    bad = [(m, t) for m, t in _imports_of("gostep.views") if t.startswith("gostep.widgets")]
    bad += [(m, n) for m, p in FILES.items() if package_of(m) == "gostep.views"
            for n, _ in raw_imports(ast.parse(p.read_text(encoding="utf-8")), _package(m))
            if n.startswith("ipywidgets")]
    assert bad == []


def test_widgets_never_import_the_stepper():
    """Widgets get their re-run function passed in: they never import gostep.api, the facade, the
    core, the front end or the model."""
    assert [(m, t) for m, t in _imports_of("gostep.widgets")
            if package_of(t) in ("gostep", "gostep.api", "gostep.core", "gostep.front", "gostep.model")] == []


def test_the_outcome_is_read_in_trace():
    """Reading the final state into an Outcome lives in trace/outcome.py; api.py only calls it."""
    api = ast.parse((LIB / "api.py").read_text(encoding="utf-8"))
    defined = {n.name for n in api.body if isinstance(n, ast.FunctionDef)}
    assert not defined & {"make_outcome", "render_output", "_goroutine_block", "_panic_lines", "_lines"}
    assert "gostep.trace.outcome" in GRAPH["gostep.api"]


def _notebook_code(nb: pathlib.Path):
    for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            lines = [ln for ln in src.split("\n") if not ln.lstrip().startswith(("%", "!"))]
            yield i, ast.parse("\n".join(lines))


NOTEBOOKS = sorted((ROOT / "course").glob("*.ipynb"))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_import_only_the_public_api(nb):
    """A notebook imports only `gostep` (as gs) and `gostep.course`, and uses only gs's public names."""
    import gostep
    public = set(dir(gostep))
    bad = []
    for i, tree in _notebook_code(nb):
        facade = set()
        for name, node in raw_imports(tree, ""):
            top = name.split(".")[0]
            if top != "gostep":
                continue
            if isinstance(node, ast.Import) and name == "gostep":
                facade.add(node.names[0].asname or "gostep")
            elif not (name == "gostep" or name == "gostep.course" or name.startswith("gostep.course.")):
                bad.append((i, name))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in facade and node.attr not in public:
                bad.append((i, f"gs.{node.attr}"))
    assert bad == [], f"cells importing past the public API (cell index, name): {bad}"


CORE = LIB / "core"


def _core_functions():
    """{name: (module file name, ast.FunctionDef)} of every top-level function of gostep.core."""
    out = {}
    for p in sorted(CORE.glob("*.py")):
        for n in ast.parse(p.read_text()).body:
            if isinstance(n, ast.FunctionDef):
                out[n.name] = (p.name, n)
    return out


def test_core_modules_are_short_and_exec_op_is_per_family():
    """No core module over 500 lines; exec_op and each instruction family (op_*) under 80."""
    long = {p.name: n for p in CORE.glob("*.py") if (n := len(p.read_text().splitlines())) > 500}
    assert not long
    fams = {k: v for k, v in _core_functions().items() if k.startswith("op_") or k == "exec_op"}
    assert len(fams) >= 11
    big = {k: n.end_lineno - n.lineno + 1 for k, (_, n) in fams.items() if n.end_lineno - n.lineno + 1 >= 80}
    assert not big


def test_core_modules_name_the_fields_they_import():
    """No star import in core/: a reader sees in each module's imports which fields it touches
    (ruff's F403 would also catch one, unless silenced with a noqa)."""
    star = [f"{p.name}:{n.lineno}" for p in CORE.glob("*.py") for n in ast.walk(ast.parse(p.read_text()))
            if isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names)]
    assert not star


def _ops_compared(fn: ast.FunctionDef, eq_only: bool = False) -> set:
    """The isa opcode names a function compares `op` with (`op == isa.X`, `isa.A <= op <= isa.B`;
    only the first kind with eq_only)."""
    names = set()
    for n in ast.walk(fn):
        if eq_only and not (isinstance(n, ast.Compare) and all(isinstance(o, ast.Eq) for o in n.ops)):
            continue
        if isinstance(n, ast.Compare) and any(isinstance(x, ast.Name) and x.id == "op"
                                              for x in [n.left, *n.comparators]):
            names |= {x.attr for x in [n.left, *n.comparators]
                      if isinstance(x, ast.Attribute) and isinstance(x.value, ast.Name) and x.value.id == "isa"}
    return names


def test_every_instruction_has_exactly_one_handler():
    """Each opcode of isa.py is handled by run_g or by exactly one family, and exec_op sends each
    family's range to that family: an opcode added to isa.py without a handler, or handled twice,
    fails here instead of ending a run as unsupported."""
    sys.path.insert(0, str(LIB.parent))
    from gostep.model import isa
    fns = _core_functions()
    opcodes = {k: v for k, v in vars(isa).items()
               if k.isupper() and isinstance(v, int) and 0 <= v < isa.NUM_OPS
               and not k.startswith(("T_", "BI_", "FN_", "NUM_"))}
    handlers = {name: _ops_compared(n) for name, (_, n) in fns.items()
                if name.startswith("op_") or name == "run_g"}
    handlers["exec_op"] = _ops_compared(fns["exec_op"][1], eq_only=True)     # EXIT
    seen: dict = {}
    for h, ops in handlers.items():
        for o in ops:
            seen.setdefault(o, []).append(h)
    # NOP does nothing: run_g skips it without naming it
    missing = sorted(set(opcodes) - set(seen) - {"NOP"})
    assert not missing
    # run_g compares op with the family boundaries too (which ops go to exec_op): a family's ops
    # may be named in run_g, but no op may be handled by two families
    twice = {o: hs for o, hs in seen.items() if len([h for h in hs if h != "run_g"]) > 1}
    assert not twice
    # exec_op: `isa.A <= op <= isa.B` -> op_x; every op a family handles lies in its range
    exec_op = fns["exec_op"][1]
    for node in ast.walk(exec_op):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.comparators) == 2:
            assert isinstance(node.body[0], ast.Return), ast.unparse(node)
            lo, hi = node.test.left.attr, node.test.comparators[1].attr
            call = node.body[0].value
            fam = call.func.id
            for o in handlers[fam]:
                assert getattr(isa, lo) <= opcodes[o] <= getattr(isa, hi), (fam, o)
