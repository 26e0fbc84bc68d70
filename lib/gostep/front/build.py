"""From a tree-sitter-go tree to the program model (lib/gostep/model/ast.py).

Design
======
tree-sitter-go gives a concrete syntax tree for any input, with ERROR and MISSING nodes where the
text is not Go. `build_file` first reports those as gc-like syntax errors (`syntax error:
unexpected X`), then walks the named nodes into model nodes. Anything tree-sitter parses but the
subset does not contain (methods, generics, maps, labels, goto, struct types, ...) is reported
as `unsupported: <construct>` at its position; the walk goes on so that several errors are
reported at once, as gc does.

Positions: tree-sitter points are 0-based (row, byte column); gc reports 1-based lines and
1-based byte columns, so pos = (row + 1, column + 1).

Alternatives rejected: a hand-written Go parser (tree-sitter-go is maintained and fast);
interpreting the tree directly in the compiler (no typed model in between, see ast.py).
"""
from __future__ import annotations

import ast as pyast

import tree_sitter as ts
import tree_sitter_go as tsg

from ..model import ast as A
from .errors import Bail, ErrorList

_LANG = ts.Language(tsg.language())

# tree-sitter node type -> how the subset page names the refused construct
_UNSUPPORTED = {
    "method_declaration": "methods",
    "type_declaration": "type declarations",
    "goto_statement": "goto",
    "type_switch_statement": "type switches",
    "map_type": "maps",
    "array_type": "arrays",
    "struct_type": "struct types",
    "interface_type": "interface types",
    "generic_type": "generics",
    "type_parameter_list": "generics",
    "slice_expression": "slice expressions",
    "type_assertion_expression": "type assertions",
    "float_literal": "floating-point numbers",
    "imaginary_literal": "complex numbers",
    "rune_literal": "runes",
    "type_instantiation_expression": "generics",
    "implicit_length_array_type": "arrays",
    "negated_type": "generics",
    "type_conversion_expression": "this conversion",
}


def parse_tree(source: str):
    parser = ts.Parser(_LANG)
    return parser.parse(source.encode("utf-8"))


def pos_of(node) -> tuple:
    return (node.start_point[0] + 1, node.start_point[1] + 1)


def end_of(node) -> tuple:
    return (node.end_point[0] + 1, node.end_point[1] + 1)


def syntax_errors(tree, src: bytes, errs: ErrorList) -> None:
    """Report ERROR / MISSING nodes in gc's words, as far as practical.

    gc says `syntax error: unexpected X, expected Y` or `unexpected newline`; tree-sitter does not
    know what was expected, so we name the unexpected token (or the missing one)."""
    found = []

    leaves = []

    def collect(n):
        if n.child_count == 0:
            if not n.is_missing and n.type != "comment":
                leaves.append(n)
            return
        for c in n.children:
            collect(c)
    collect(tree.root_node)

    def walk(n):
        if len(found) >= 10:
            return
        if n.is_missing:
            # gc reports the token it found where one was missing: "unexpected }, expected
            # expression"; tree-sitter says what is missing, we look up what comes next
            nxt = next((lf for lf in leaves if lf.start_byte >= n.start_byte
                        and lf.type not in ("\n", ";") and lf.text.strip()), None)
            want = "}" if n.type == "}" else ")" if n.type == ")" else "expression" \
                if n.type in ("identifier", "int_literal", "_expression") else n.type
            prev = next((lf for lf in reversed(leaves) if lf.end_byte <= n.start_byte
                         and lf.text.strip()), None)
            if n.type == ")" and n.parent is not None and n.parent.type == "argument_list" \
                    and prev is not None and nxt is not None \
                    and nxt.start_point[0] > prev.end_point[0]:
                # gc (syntax/parser.go list): the newline ends the argument list
                found.append((end_of(prev), "syntax error: unexpected newline in argument list; "
                                            "possibly missing comma or )"))
            elif nxt is None:
                found.append((_eof_pos(src), f"syntax error: unexpected EOF, expected {want}"))
            else:
                found.append((pos_of(nxt), f"syntax error: unexpected {_describe(nxt)}, "
                                           f"expected {want}"))
            return
        if n.type == "ERROR":
            tok = _first_token(n)
            if tok is None:
                found.append((pos_of(n), "syntax error: unexpected end of file"))
            else:
                found.append((pos_of(tok), f"syntax error: unexpected {_describe(tok)}"))
            return
        if n.has_error:
            for c in n.children:
                walk(c)

    walk(tree.root_node)
    if not found and tree.root_node.has_error:
        found.append(((1, 1), "syntax error"))
    for p, m in found:
        errs.error(p, m)


def _eof_pos(src: bytes) -> tuple:
    lines = src.split(b"\n")
    if src.endswith(b"\n"):
        return (len(lines), 1)
    return (len(lines), len(lines[-1]) + 1)


def _first_token(n):
    if n.child_count == 0:
        return n
    for c in n.children:
        t = _first_token(c)
        if t is not None:
            return t
    return None


def _tok(t: str) -> str:
    return t if not t.isidentifier() or t in ("name",) else t.replace("_", " ")


def _describe(tok) -> str:
    text = tok.text.decode("utf-8", "replace")
    if tok.type in ("identifier", "field_identifier", "type_identifier", "package_identifier"):
        return f"name {text}"
    if tok.type in ("int_literal", "interpreted_string_literal", "raw_string_literal"):
        return f"literal {text}"
    if text in ("\n", ""):
        return "newline"
    if text.isidentifier():
        return f"keyword {text}"
    return text


class Builder:
    """Walks one source_file. `self.errs` collects syntax / unsupported errors."""

    def __init__(self, src: bytes, errs: ErrorList):
        self.src = src
        self.errs = errs
        self.func_stack = []

    # ---- helpers ---------------------------------------------------------------------------
    def text(self, n) -> str:
        return n.text.decode("utf-8")

    def unsupported(self, n, what: str):
        self.errs.unsupported_at(pos_of(n), what)

    def named(self, n):
        return [c for c in n.children if c.is_named and c.type != "comment"]

    def check_unsupported_types(self, n) -> bool:
        if n.type in _UNSUPPORTED and not (n.type == "struct_type" and self._empty_struct(n)):
            self.unsupported(n, _UNSUPPORTED[n.type])
            return True
        return False

    def _empty_struct(self, n) -> bool:
        fl = n.child_by_field_name("body") or next(
            (c for c in n.children if c.type == "field_declaration_list"), None)
        return fl is None or not any(c.is_named and c.type != "comment" for c in fl.children)

    # ---- file ------------------------------------------------------------------------------
    def file(self, root, name: str) -> A.File:
        f = A.File(name=name)
        pending_noinline = False
        saw_package = False
        for n in root.children:
            t = n.type
            if t == "comment":
                txt = self.text(n)
                if txt.startswith("//go:noinline"):
                    pending_noinline = True
                continue
            if t == "package_clause":
                saw_package = True
                pk = self.named(n)
                if pk and self.text(pk[0]) != "main":
                    self.unsupported(pk[0], f"package {self.text(pk[0])} (only package main)")
            elif t == "import_declaration":
                for spec in self._descend(n, "import_spec"):
                    path = spec.child_by_field_name("path")
                    if spec.child_by_field_name("name") is not None:
                        self.unsupported(spec, "named imports")
                        continue
                    f.imports.append((self._string(path), pos_of(path)))
            elif t == "function_declaration":
                fn = self.func_decl(n)
                fn.noinline = pending_noinline
                f.funcs.append(fn)
            elif t == "var_declaration":
                for spec in self._descend(n, "var_spec"):
                    f.vars.append(self.var_spec(spec))
            elif t == "const_declaration":
                f.consts.extend(self.const_decl(n))
            elif t in _UNSUPPORTED:
                self.unsupported(n, _UNSUPPORTED[t])
            elif t == "ERROR" or not n.is_named:
                pass
            else:
                self.unsupported(n, t.replace("_", " "))
            pending_noinline = False
        if not saw_package:
            # what `go build` says (go/parser, used by the go command to read the package clause)
            first = _first_token(root)
            found = first.text.decode("utf-8", "replace") if first is not None else "EOF"
            self.errs.error(pos_of(first) if first is not None else (1, 1),
                            f"expected 'package', found '{found}'")
        return f

    def _descend(self, n, typ):
        out = []
        for c in n.children:
            if c.type == typ:
                out.append(c)
            elif c.type.endswith("_list") or c.type.endswith("_spec_list"):
                out.extend(self._descend(c, typ))
        return out

    def _string(self, n) -> str:
        raw = self.text(n)
        if n.type == "raw_string_literal":
            return raw[1:-1]
        try:
            return pyast.literal_eval(raw)
        except Exception:
            return raw[1:-1]

    # ---- declarations ------------------------------------------------------------------------
    def func_decl(self, n) -> A.Func:
        if n.child_by_field_name("type_parameters") is not None:
            self.unsupported(n.child_by_field_name("type_parameters"), "generics")
        nn = n.child_by_field_name("name")
        name = self.text(nn)
        fn = A.Func(name=name, pos=pos_of(n), end=end_of(n), name_pos=pos_of(nn))
        self._signature(n, fn)
        body = n.child_by_field_name("body")
        self.func_stack.append(fn)
        fn.body = self.block(body) if body is not None else None
        self.func_stack.pop()
        if body is None:
            self.unsupported(n, "functions without a body")
        return fn

    def _signature(self, n, fn: A.Func):
        params = n.child_by_field_name("parameters")
        for pd in self.named(params) if params is not None else []:
            if pd.type == "variadic_parameter_declaration":
                self.unsupported(pd, "variadic functions")
                continue
            t = self.type_expr(pd.child_by_field_name("type"))
            names = [c for c in pd.children_by_field_name("name") if c.is_named]
            if not names:
                fn.params.append(A.Param(None, t))
            for nm in names:
                fn.params.append(A.Param(self.ident(nm), t))
        res = n.child_by_field_name("result")
        if res is not None:
            if res.type == "parameter_list":
                for pd in self.named(res):
                    if pd.child_by_field_name("name") is not None:
                        self.unsupported(pd, "named results")
                    t = self.type_expr(pd.child_by_field_name("type"))
                    fn.results.append(t)
            else:
                fn.results.append(self.type_expr(res))
        if len(fn.results) > 1:
            self.unsupported(res, "functions with more than one result")

    def var_spec(self, n) -> A.VarDecl:
        names = [self.ident(c) for c in n.children_by_field_name("name") if c.is_named]
        tn = n.child_by_field_name("type")
        vals = n.child_by_field_name("value")
        return A.VarDecl(pos=pos_of(n), names=names,
                         t=self.type_expr(tn) if tn is not None else None,
                         values=self.expr_list(vals) if vals is not None else [])

    def const_decl(self, n) -> list:
        out = []
        prev_t, prev_vals = None, None
        for i, spec in enumerate(self._descend(n, "const_spec")):
            # tree-sitter-go 0.25 puts the ',' of `a, b = ...` in a const_spec's name field too
            names = [self.ident(c) for c in spec.children_by_field_name("name") if c.is_named]
            tn = spec.child_by_field_name("type")
            vals = spec.child_by_field_name("value")
            if vals is not None:
                prev_vals = vals
                prev_t = tn
                t, v = tn, vals
            else:
                t, v = prev_t, prev_vals      # implicit repetition of the previous expression list
            out.append(A.ConstDecl(pos=pos_of(spec), names=names,
                                   t=self.type_expr(t) if t is not None else None,
                                   values=self.expr_list(v) if v is not None else [], iota=i))
        return out

    # ---- types -----------------------------------------------------------------------------
    def type_expr(self, n):
        if n is None:
            return None
        t = n.type
        p = pos_of(n)
        if t == "parenthesized_type":
            return self.type_expr(self.named(n)[0])
        if t == "type_identifier":
            return A.TypeName(pkg="", name=self.text(n), pos=p)
        if t == "qualified_type":
            return A.TypeName(pkg=self.text(n.child_by_field_name("package")),
                              name=self.text(n.child_by_field_name("name")), pos=p)
        if t == "channel_type":
            toks = [c.type for c in n.children if not c.is_named]
            d = 0
            if toks and toks[0] == "<-":
                d = 2
            elif "<-" in toks:
                d = 1
            return A.ChanType(dir=d, elem=self.type_expr(n.child_by_field_name("value")), pos=p)
        if t == "slice_type":
            return A.SliceType(elem=self.type_expr(n.child_by_field_name("element")), pos=p)
        if t == "pointer_type":
            return A.PtrType(elem=self.type_expr(self.named(n)[0]), pos=p)
        if t == "function_type":
            fn = A.Func(name="")
            self._signature(n, fn)
            return A.FuncType(params=[q.t for q in fn.params], results=fn.results, pos=p)
        if t == "struct_type" and self._empty_struct(n):
            return A.StructType(empty=True, pos=p)
        if t in _UNSUPPORTED:
            self.unsupported(n, _UNSUPPORTED[t])
            return A.TypeName(pkg="", name="<bad>", pos=p)
        self.unsupported(n, t.replace("_", " "))
        return A.TypeName(pkg="", name="<bad>", pos=p)

    # ---- statements ------------------------------------------------------------------------
    def block(self, n) -> A.Block:
        stmts = []
        for c in self.named(n):
            if c.type == "statement_list":
                for s in self.named(c):
                    st = self.stmt(s)
                    if st is not None:
                        stmts.append(st)
            else:
                st = self.stmt(c)
                if st is not None:
                    stmts.append(st)
        return A.Block(pos=pos_of(n), stmts=stmts, end=(n.end_point[0] + 1, n.end_point[1]))

    def stmt_list(self, nodes) -> list:
        out = []
        for c in nodes:
            if c.type == "statement_list":
                out.extend(self.stmt_list(self.named(c)))
            elif c.is_named and c.type != "comment":
                s = self.stmt(c)
                if s is not None:
                    out.append(s)
        return out

    def stmt(self, n):
        t = n.type
        p = pos_of(n)
        if t == "comment" or t == "empty_statement":
            return None
        if t == "ERROR":
            return None
        if t == "block":
            return self.block(n)
        if t == "expression_statement":
            return A.ExprStmt(pos=p, x=self.expr(self.named(n)[0]))
        if t == "short_var_declaration":
            op = next((c for c in n.children if c.type == ":="), n)
            return A.Define(pos=p, lhs=self.expr_list(n.child_by_field_name("left")),
                            rhs=self.expr_list(n.child_by_field_name("right")), op_pos=pos_of(op))
        if t == "assignment_statement":
            op = self.text(n.child_by_field_name("operator"))
            if op not in ("=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^="):
                self.unsupported(n, f"the {op} operator")
            return A.Assign(pos=p, lhs=self.expr_list(n.child_by_field_name("left")), op=op,
                            rhs=self.expr_list(n.child_by_field_name("right")))
        if t in ("inc_statement", "dec_statement"):
            return A.IncDec(pos=p, x=self.expr(self.named(n)[0]),
                            op="++" if t == "inc_statement" else "--")
        if t == "var_declaration":
            specs = self._descend(n, "var_spec")
            if len(specs) == 1:
                return self.var_spec(specs[0])
            return A.Block(pos=p, stmts=[self.var_spec(s) for s in specs], end=(-1, -1))
        if t == "const_declaration":
            return A.Block(pos=p, stmts=self.const_decl(n), end=(-1, -1))
        if t == "send_statement":
            return A.Send(pos=p, ch=self.expr(n.child_by_field_name("channel")),
                          value=self.expr(n.child_by_field_name("value")))
        if t in ("go_statement", "defer_statement"):
            call = self.expr(self.named(n)[0])
            cls = A.GoStmt if t == "go_statement" else A.DeferStmt
            return cls(pos=p, call=call)
        if t == "return_statement":
            el = self.named(n)
            return A.Return(pos=p, results=self.expr_list(el[0]) if el else [])
        if t == "if_statement":
            init = n.child_by_field_name("initializer")
            alt = n.child_by_field_name("alternative")
            return A.If(pos=p, init=self.stmt(init) if init is not None else None,
                        cond=self.expr(n.child_by_field_name("condition")),
                        then=self.block(n.child_by_field_name("consequence")),
                        els=self.stmt(alt) if alt is not None else None)
        if t == "for_statement":
            return self.for_stmt(n)
        if t == "expression_switch_statement":
            init = n.child_by_field_name("initializer")
            tag = n.child_by_field_name("value")
            clauses = []
            for c in self.named(n):
                if c.type == "expression_case":
                    vals = c.child_by_field_name("value")
                    body = [x for x in c.children if x.is_named and x != vals]
                    clauses.append(A.CaseClause(pos=pos_of(c), exprs=self.expr_list(vals),
                                                body=self.stmt_list(body)))
                elif c.type == "default_case":
                    clauses.append(A.CaseClause(pos=pos_of(c), exprs=None,
                                                body=self.stmt_list(self.named(c))))
            return A.Switch(pos=p, init=self.stmt(init) if init is not None else None,
                            tag=self.expr(tag) if tag is not None else None, clauses=clauses)
        if t == "select_statement":
            clauses = []
            for c in self.named(n):
                if c.type == "communication_case":
                    comm = c.child_by_field_name("communication")
                    body = [x for x in c.children if x.is_named and x != comm]
                    if comm.type == "send_statement":
                        cm = self.stmt(comm)
                    else:
                        left = comm.child_by_field_name("left")
                        toks = [x.type for x in comm.children if not x.is_named]
                        cm = A.Recv(pos=pos_of(comm),
                                    lhs=self.expr_list(left) if left is not None else [],
                                    define=":=" in toks,
                                    x=self.expr(comm.child_by_field_name("right")))
                    clauses.append(A.CommClause(pos=pos_of(c), comm=cm, body=self.stmt_list(body)))
                elif c.type == "default_case":
                    clauses.append(A.CommClause(pos=pos_of(c), comm=None,
                                                body=self.stmt_list(self.named(c))))
            return A.Select(pos=p, clauses=clauses)
        if t in ("break_statement", "continue_statement"):
            lab = self.named(n)
            return A.Branch(pos=p, tok="break" if t == "break_statement" else "continue",
                            label=self.text(lab[0]) if lab else "",
                            label_pos=pos_of(lab[0]) if lab else (0, 0))
        if t == "fallthrough_statement":
            return A.Branch(pos=p, tok="fallthrough")
        if t == "labeled_statement":
            # a label on a for / switch / select, the target of `break L` / `continue L`; a label
            # for goto (on any other statement) stays refused
            lab = n.child_by_field_name("label")
            inner = [c for c in self.named(n) if c.type not in ("label_name", "comment")]
            if inner and inner[0].type in ("for_statement", "expression_switch_statement",
                                           "select_statement"):
                s = self.stmt(inner[0])
                if s is not None:
                    s.label, s.label_pos = self.text(lab), pos_of(lab)
                return s
            self.unsupported(n, "labels (other than on a for, switch or select)")
            return None
        if t in _UNSUPPORTED:
            self.unsupported(n, _UNSUPPORTED[t])
            return None
        if t == "type_declaration":
            self.unsupported(n, "type declarations")
            return None
        self.unsupported(n, t.replace("_", " "))
        return None

    def for_stmt(self, n):
        p = pos_of(n)
        body = self.block(n.child_by_field_name("body"))
        clause = next((c for c in self.named(n) if c.type in ("for_clause", "range_clause")), None)
        if clause is None:
            cond = next((c for c in self.named(n) if c.type != "block" and c != n.child_by_field_name("body")), None)
            return A.For(pos=p, cond=self.expr(cond) if cond is not None else None, body=body)
        if clause.type == "for_clause":
            init = clause.child_by_field_name("initializer")
            cond = clause.child_by_field_name("condition")
            post = clause.child_by_field_name("update")
            return A.For(pos=p, init=self.stmt(init) if init is not None else None,
                         cond=self.expr(cond) if cond is not None else None,
                         post=self.stmt(post) if post is not None else None, body=body)
        left = clause.child_by_field_name("left")
        lhs = self.expr_list(left) if left is not None else []
        toks = [x.type for x in clause.children if not x.is_named]
        return A.Range(pos=p, key=lhs[0] if lhs else None, value=lhs[1] if len(lhs) > 1 else None,
                       define=":=" in toks, x=self.expr(clause.child_by_field_name("right")),
                       body=body)

    # ---- expressions -----------------------------------------------------------------------
    def expr_list(self, n) -> list:
        if n is None:
            return []
        if n.type == "expression_list":
            return [self.expr(c) for c in self.named(n)]
        return [self.expr(n)]

    def ident(self, n) -> A.Ident:
        return A.Ident(pos=pos_of(n), end=end_of(n), name=self.text(n), text=self.text(n))

    def expr(self, n):
        t = n.type
        p = pos_of(n)
        kw = dict(pos=p, end=end_of(n), text=self.text(n))
        if t in ("identifier", "field_identifier", "package_identifier"):
            return A.Ident(name=self.text(n), **kw)
        if t in ("true", "false", "nil", "iota"):
            return A.Ident(name=t, **kw)
        if t == "int_literal":
            txt = self.text(n).replace("_", "")
            try:
                v = int(txt, 0) if not (len(txt) > 1 and txt[0] == "0" and txt[1].isdigit()) \
                    else int(txt, 8)
            except ValueError:
                self.errs.error(p, f"invalid integer literal {txt}")
                v = 0
            return A.BasicLit(kind="int", value=v, **kw)
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return A.BasicLit(kind="string", value=self._string(n), **kw)
        if t == "parenthesized_expression":
            inner = self.expr(self.named(n)[0])
            return inner
        if t == "unary_expression":
            op = self.text(n.child_by_field_name("operator"))
            return A.Unary(op=op, x=self.expr(n.child_by_field_name("operand")), **kw)
        if t == "binary_expression":
            op = self.text(n.child_by_field_name("operator"))
            b = A.Binary(op=op, x=self.expr(n.child_by_field_name("left")),
                         y=self.expr(n.child_by_field_name("right")), **kw)
            return b
        if t == "call_expression":
            fnode = n.child_by_field_name("function")
            args = n.child_by_field_name("arguments")
            if n.child_by_field_name("type_arguments") is not None:
                self.unsupported(n, "generics")
            argv = []
            ell = False
            for c in args.children:
                if not c.is_named:
                    if c.type == "...":
                        ell = True
                    continue
                if c.type == "comment":
                    continue
                if c.type in ("channel_type", "slice_type", "map_type", "array_type",
                              "function_type", "pointer_type", "struct_type", "interface_type",
                              "qualified_type", "type_identifier"):
                    if c.type in _UNSUPPORTED and self.check_unsupported_types(c):
                        argv.append(A.TypeX(t=None, **dict(kw, pos=pos_of(c), text=self.text(c))))
                        continue
                    argv.append(A.TypeX(t=self.type_expr(c), pos=pos_of(c), end=end_of(c),
                                        text=self.text(c)))
                else:
                    argv.append(self.expr(c))
            if fnode.type in ("parenthesized_type", "slice_type", "function_type",
                              "channel_type", "pointer_type"):
                fx = A.TypeX(t=self.type_expr(fnode), pos=pos_of(fnode), text=self.text(fnode))
            else:
                fx = self.expr(fnode)
            return A.Call(fn=fx, args=argv, ellipsis=ell, **kw)
        if t == "selector_expression":
            fld = n.child_by_field_name("field")
            return A.Selector(x=self.expr(n.child_by_field_name("operand")),
                              name=self.text(fld), name_pos=pos_of(fld), **kw)
        if t == "index_expression":
            return A.Index(x=self.expr(n.child_by_field_name("operand")),
                           index=self.expr(n.child_by_field_name("index")), **kw)
        if t == "func_literal":
            fn = A.Func(name="", pos=p, end=end_of(n))
            fn.parent = self.func_stack[-1] if self.func_stack else None
            self._signature(n, fn)
            self.func_stack.append(fn)
            fn.body = self.block(n.child_by_field_name("body"))
            self.func_stack.pop()
            return A.FuncLit(func=fn, **kw)
        if t == "composite_literal":
            tn = n.child_by_field_name("type")
            if tn.type in _UNSUPPORTED and self.check_unsupported_types(tn):
                return A.CompositeLit(t=None, elems=[], **kw)
            elems = []
            body = n.child_by_field_name("body")
            for c in self.named(body):
                if c.type == "keyed_element":
                    self.unsupported(c, "keyed elements")
                    continue
                inner = self.named(c)
                if inner and inner[0].type == "literal_value":
                    self.unsupported(c, "nested composite literals")
                    continue
                elems.append(self.expr(inner[0]) if inner else None)
            return A.CompositeLit(t=self.type_expr(tn), elems=elems, **kw)
        if t in ("slice_type", "channel_type", "qualified_type", "type_identifier",
                 "function_type", "pointer_type", "struct_type"):
            if self.check_unsupported_types(n):
                return A.TypeX(t=None, **kw)
            return A.TypeX(t=self.type_expr(n), **kw)
        if t in _UNSUPPORTED:
            self.unsupported(n, _UNSUPPORTED[t])
            return A.BasicLit(kind="int", value=0, **kw)
        if t == "ERROR":
            return A.BasicLit(kind="int", value=0, **kw)
        self.unsupported(n, t.replace("_", " "))
        return A.BasicLit(kind="int", value=0, **kw)


def build_file(source: str, name: str, errs: ErrorList) -> A.File:
    src = source.encode("utf-8")
    tree = parse_tree(source)
    syntax_errors(tree, src, errs)
    if len(errs):
        raise Bail()
    return Builder(src, errs).file(tree.root_node, name)
