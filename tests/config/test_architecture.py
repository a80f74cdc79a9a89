"""The rooms of docs/architecture.md, read from the code: which app may import which, and no module
cycles. Imports are read with the AST, those inside functions included, because a lazy import is
still a door between two rooms."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# app: the apps it may import (besides itself, Django, Wagtail and the standard library).
MAY_IMPORT = {
    "home": set(),
    "translations": {"home"},
    "accounts": {"home"},
    "outbox": {"home"},
    "privacy": {"home", "outbox"},
    "ops": {"home"},
    "search": {"home"},
    "seo": {"home", "ops"},
    "partnerships": {"home", "outbox", "privacy", "seo"},
    # Copying an event into a new year translates it, within the translator's rights (events/copy_event.py).
    "events": {"home", "outbox", "privacy", "ops", "seo", "partnerships", "translations"},
    "news": {"home", "outbox", "privacy", "seo", "events", "partnerships"},
    "demo": {"home", "translations", "accounts", "outbox", "privacy", "ops", "seo", "events", "partnerships", "news"},
    "config": {
        "home",
        "translations",
        "accounts",
        "outbox",
        "privacy",
        "ops",
        "seo",
        "events",
        "partnerships",
        "news",
        "search",
        "demo",
    },
}


def python_modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Every module of `known` that `path` imports, relative imports resolved. `from . import mail`
    imports the module `mail`, not its package; `from .models import Page` imports the package."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            prefix = ".".join([*base, node.module] if node.module else base)
            submodules = {f"{prefix}.{alias.name}" for alias in node.names} & known
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(prefix)
    return found & known


def project_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for app in MAY_IMPORT for path in python_modules(app)}
    return {name: imported_modules(path, set(modules)) for name, path in modules.items()}


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_rooms_it_may(app):
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in project_graph().items()
        if module.split(".")[0] == app
        for target in targets
        if target.split(".")[0] not in {app, *MAY_IMPORT[app]}
    )
    assert wrong == []


def test_no_two_modules_import_each_other_round_about():
    graph = project_graph()
    # A package's __init__ importing its own submodules is how a package names its contents.
    graph = {
        module: {target for target in targets if not target.startswith(module + ".")}
        for module, targets in graph.items()
    }
    cycles, state = [], {}

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_reader_of_imports_sees_lazy_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("def f():\n    from .services import g\n    from . import mail\n")
    monkeypatch.setattr("tests.config.test_architecture.ROOT", tmp_path)
    known = {"shop", "shop.models", "shop.services", "shop.mail"}
    assert imported_modules(package / "models.py", known) == {"shop.services", "shop.mail"}
