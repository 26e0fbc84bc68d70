"""The endless-loop pass marks exactly the back-edges whose skipped iterations nobody can observe."""
import pytest

from gostep.front import parse
from gostep.model import isa


def marked_lines(src):
    p = parse(src, "main.go")
    return sorted(int(p.pos[i, 0]) for i in range(len(p.code))
                  if p.code[i, 0] == isa.JMP and p.code[i, 2] == 1)


def prog(body, pre=""):
    return "package main\n\n" + pre + "func main() {\n" + body + "\n}\n"


def test_local_counter_loop_is_marked():
    """`for { x++ }` on a local never exits and nobody can read x: its back-edge is marked."""
    assert marked_lines(prog("\tx := 0\n\tfor {\n\t\tx++\n\t}")) == [5]


def test_leaf_call_loop_is_marked_when_the_global_is_private():
    """A loop calling a pure leaf function and writing a global read nowhere else is marked."""
    pre = "var x int\n\nfunc leaf(v int) int {\n\treturn v*3 + 1\n}\n\n"
    assert marked_lines(prog("\tfor {\n\t\tx = leaf(x)\n\t}", pre)) != []


@pytest.mark.parametrize("body,pre", [
    ("\tx := 0\n\tfor x < 10 {\n\t\tx++\n\t}", ""),                       # a condition: may exit
    ("\tx := 0\n\tfor {\n\t\tx++\n\t\tif x > 5 {\n\t\t\tbreak\n\t\t}\n\t}", ""),  # break
    ("\tfor {\n\t\tprintln(1)\n\t}", ""),                                   # output is observable
    ("\tgo func() {\n\t\tfor {\n\t\t\tx++\n\t\t}\n\t}()\n\tprintln(x)", "var x int\n\n"),  # x read by main
    ("\tx := 0\n\tgo func() {\n\t\tprintln(x)\n\t}()\n\tfor {\n\t\tx++\n\t}", ""),  # captured: boxed
])
def test_observable_or_exiting_loops_are_not_marked(body, pre):
    """Loops that can exit, or whose iterations another goroutine or the output could see, stay interpreted."""
    assert marked_lines(prog(body, pre)) == []
