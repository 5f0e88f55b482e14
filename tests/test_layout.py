"""The shape of the code, checked from its source: no import cycle in assistant/ (between modules, and
between folders: assistant.X as one node), the measurement package
(assistant/bench/) out of the product's import path, and modules that fit in a reader's head.

The import graph is read with ast from every module under assistant/, imports inside functions included
(a lazy import still ties two modules together), imports under `if TYPE_CHECKING:` left out (they never
run). An edge goes to the module named: `from .asr import create_engine` is an edge to asr/__init__.py,
`from . import paths` one to paths.py. The parent package a Python import also runs is not an edge: a
package's __init__ may import its own modules (the ASR factory does) without a cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "assistant"
MAX_LINES = 400
# Modules over MAX_LINES today, each being split by other work (issue 19): remove its line once a module
# is under the limit; never add one.
TOO_LONG_FOR_NOW: set[str] = set()
# Registered by name in assistant/commands.py (COMMAND_MODULES, imported when the CLI is built): the
# only way the product reaches assistant.bench. Their handlers import the measurement code lazily.
BENCH_REGISTRATIONS = {"assistant.bench.commands", "assistant.bench.eval_intents"}


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                skipped |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return skipped


def _imports(name: str, path: Path, is_package: bool, modules: dict) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped = _type_checking_only(tree)
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in modules:  # `from . import paths`: the module itself
                    out.add(sub)
                elif target in modules:
                    out.add(target)
    out.discard(name)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, is_package, modules) for name, (path, is_package) in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None (iterative depth-first search, three colours)."""
    colour: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(graph):
        if start in colour:
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        colour[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                colour[path.pop()] = 2
                stack.pop()
            elif colour.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            elif nxt not in colour:
                colour[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return None


def test_the_graph_sees_function_level_imports_and_skips_type_checking_ones():
    graph = import_graph()
    assert "assistant.asr.vosk_engine" in graph["assistant.asr"]  # the factory's lazy import
    assert "assistant.config" not in graph["assistant.languages"]  # imported under TYPE_CHECKING only
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


def test_no_import_cycle_in_assistant():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def folder_graph(graph: dict[str, set[str]]) -> tuple[dict[str, set[str]], dict[tuple[str, str], list[str]]]:
    """The module graph collapsed to folders: assistant.X is one node (X a subpackage or a top-level
    module), as a package-level import graph counts them; also the module edges behind each folder edge."""

    def folder(module: str) -> str:
        return ".".join(module.split(".")[:2])

    folders: dict[str, set[str]] = {folder(m): set() for m in graph}
    behind: dict[tuple[str, str], list[str]] = {}
    for module, targets in graph.items():
        for target in targets:
            a, b = folder(module), folder(target)
            if a != b:
                folders[a].add(b)
                behind.setdefault((a, b), []).append(f"{module} -> {target}")
    return folders, behind


def test_no_import_cycle_between_folders():
    """Layers, lowest first: audio/text helpers < asr, listen, tts, brain (the models) < routing <
    dialogue < pipeline < runtime < wyoming (server, satellite), ui, cli. A folder importing one above it
    closes a cycle even when no two modules do."""
    folders, behind = folder_graph(import_graph())
    cycle = find_cycle(folders)
    edges = [f"  {a} -> {b}: " + ", ".join(sorted(behind[(a, b)])) for a, b in pairwise(cycle or [])]
    assert cycle is None, "folder import cycle: " + " -> ".join(cycle or []) + "\n" + "\n".join(edges)


def test_the_folder_graph_collapses_modules_and_keeps_the_edges_behind():
    graph = {"assistant.a.x": {"assistant.b.y"}, "assistant.b.y": {"assistant.a.z"}, "assistant.a.z": set()}
    folders, behind = folder_graph(graph)
    assert folders == {"assistant.a": {"assistant.b"}, "assistant.b": {"assistant.a"}}
    assert find_cycle(folders) == ["assistant.a", "assistant.b", "assistant.a"]
    assert behind[("assistant.b", "assistant.a")] == ["assistant.b.y -> assistant.a.z"]


def test_the_product_never_imports_the_measurement_package():
    graph = import_graph()
    offenders = {
        (module, target)
        for module, targets in graph.items()
        if not module.startswith("assistant.bench")
        for target in targets
        if target.startswith("assistant.bench")
    }
    assert not offenders, f"product modules importing assistant.bench: {sorted(offenders)}"
    from assistant.commands import COMMAND_MODULES

    assert {m for m in COMMAND_MODULES if m.startswith("assistant.bench")} == BENCH_REGISTRATIONS
    # the registrations import nothing of the measurement code when the CLI is built
    for name in BENCH_REGISTRATIONS:
        path = PACKAGE / "bench" / f"{name.rpartition('.')[2]}.py"
        top = ast.parse(path.read_text(encoding="utf-8")).body
        level = {
            n.module for n in top if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module is not None
        }
        assert level <= {"jsonl"}, f"{path} imports {level} when the CLI is built; import it in the handler"


def test_loading_and_running_the_assistant_leaves_the_bench_unloaded():
    code = (
        "import sys, assistant.runtime, assistant.pipeline, assistant.wyoming.server, assistant.ui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith('assistant.bench')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_module_over_400_lines():
    lengths = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    too_long = {p: n for p, n in lengths.items() if n > MAX_LINES and p not in TOO_LONG_FOR_NOW}
    assert not too_long, f"modules over {MAX_LINES} lines (split them): {too_long}"
