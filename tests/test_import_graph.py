"""The house's rooms and what each may import: the core knows nothing of documents or the
window, documents know nothing of the window, and no modules import each other in a circle
(a circle makes every change to one of them a change to all)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "iep_studio"


def module_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The project's modules this file imports, at the top or inside a function."""
    package = module_of(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            names = [f"{target}.{alias.name}" for alias in node.names]
            found |= {name for name in names if name in modules} or (
                {target} if target in modules else set())
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
    return found - {module_of(path)}


def graph() -> dict[str, set[str]]:
    paths = list(PACKAGE.rglob("*.py"))
    modules = {module_of(path) for path in paths}
    return {module_of(path): imports_of(path, modules) for path in paths}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def is_package_face(module: str) -> bool:
    """An __init__ that only hands names on: importing a package's submodule runs it, so
    its own imports of its submodules are no circle of substance."""
    return (PACKAGE.parent / module.replace(".", "/") / "__init__.py").exists()


def test_no_modules_import_each_other_in_a_circle():
    edges = graph()
    # A package's __init__ naming its own submodules is how Python packages work.
    edges = {module: {t for t in targets
                      if not (is_package_face(module) and t.startswith(module + "."))}
             for module, targets in edges.items()}
    assert circles(edges) == []


def test_the_core_knows_nothing_of_documents_or_the_window():
    wrong = {(module, target) for module, targets in graph().items() for target in targets
             if (module.startswith("iep_studio.core")
                 and target.startswith(("iep_studio.reports", "iep_studio.ui")))
             or (module.startswith("iep_studio.reports") and target.startswith("iep_studio.ui"))}
    assert wrong == set()


def test_the_graph_is_read_at_all():
    edges = graph()
    assert "iep_studio.core.store.database" in edges["iep_studio.core.services.students"] or (
        "iep_studio.core.store" in edges["iep_studio.core.services.students"])
    assert "iep_studio.ui.qt" in edges["iep_studio.ui.main_window"]


def test_documents_get_their_data_from_services():
    """A document reads through the services it is handed, which apply the one rule on whose
    files one sees; a session of its own could print what the reader may not see."""
    wrong = {(module, target) for module, targets in graph().items() for target in targets
             if module.startswith("iep_studio.reports")
             and target.startswith(("iep_studio.core.store", "iep_studio.core.model"))}
    for path in (PACKAGE / "reports").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                     [alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [])
            wrong |= {(path.name, name) for name in names if name.startswith("sqlalchemy")}
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("session", "reading")):
                wrong.add((path.name, f".{node.func.attr}()"))
    assert wrong == set()
