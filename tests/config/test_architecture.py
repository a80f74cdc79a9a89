"""The rooms of docs/architecture.md, read from the code: which app may import which, and no module
cycles. Imports are read with the AST, those inside functions included, because a lazy import is
still a door between two rooms. A name taken from a package comes from the submodule that defines
it; the package itself imports whatever its __init__ imports, so a cycle through a package shows."""

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


def imports_of(path: Path):
    """(module, name) for each name that `path` imports, relative imports resolved; name is None
    for `import module`."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            prefix = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                yield prefix, alias.name


def names_from_submodules(paths: dict[str, Path]) -> dict[str, dict[str, str]]:
    """{package: {name: its submodule}} for each name a package's __init__ takes from a submodule of
    its own (`from .pages import EventPage` in events/models/__init__.py)."""
    found: dict[str, dict[str, str]] = {}
    for package, path in paths.items():
        if path.name == "__init__.py":
            for module, name in imports_of(path):
                if name and module.startswith(package + ".") and module in paths:
                    found.setdefault(package, {})[name] = module
    return found


def imported_modules(path: Path, known: set[str], exports: dict | None = None) -> set[str]:
    """Every module of `known` that `path` imports, relative imports resolved. `from . import mail`
    imports the module `mail`, not its package. A name that a package only names for a submodule
    (`from events.models import EventPage`, defined in events/models/pages.py) is imported from that
    submodule, where its code is; anything else from a package, or the package itself, imports the
    package, and so everything its __init__ imports."""
    exports = exports or {}
    found = set()
    for module, name in imports_of(path):
        if name is None:
            found.add(module)
        elif f"{module}.{name}" in known:
            found.add(f"{module}.{name}")
        else:
            while name in exports.get(module, {}):
                module = exports[module][name]
            found.add(module)
    return (found & known) - {module_name(path)}


def module_graph(apps) -> dict[str, set[str]]:
    paths = {module_name(path): path for app in apps for path in python_modules(app)}
    exports = names_from_submodules(paths)
    return {name: imported_modules(path, set(paths), exports) for name, path in paths.items()}


def project_graph() -> dict[str, set[str]]:
    return module_graph(MAY_IMPORT)


def cycles_in(graph: dict[str, set[str]]) -> list[str]:
    """One "a → b → … → a" for each way back found by a depth-first walk; empty when the modules can
    be put in an order where each imports only those before it. A package's __init__ importing its
    submodules is an edge like any other: whoever imports the package imports them all."""
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
    return cycles


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
    assert cycles_in(project_graph()) == []


def test_the_reader_of_imports_sees_lazy_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("def f():\n    from .services import g\n    from . import mail\n")
    monkeypatch.setattr("tests.config.test_architecture.ROOT", tmp_path)
    known = {"shop", "shop.models", "shop.services", "shop.mail"}
    assert imported_modules(package / "models.py", known) == {"shop.services", "shop.mail"}


def write_shop(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_cycle_through_a_models_package_is_seen(tmp_path, monkeypatch):
    """The page calls the calendar lazily, and the calendar takes the page from the package that
    names it: a cycle, though neither module names the other's file."""
    write_shop(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models/__init__.py": "from .orders import Order\nfrom .pages import ShopPage\n",
            "shop/models/orders.py": "",
            "shop/models/pages.py": "def calendar(self):\n    from ..calendar import ics\n",
            "shop/calendar.py": "from .models import ShopPage\n",
        },
    )
    monkeypatch.setattr("tests.config.test_architecture.ROOT", tmp_path)
    assert cycles_in(module_graph(["shop"])) == ["shop.calendar → shop.models.pages → shop.calendar"]


def test_importing_a_models_package_whole_imports_every_model(tmp_path, monkeypatch):
    write_shop(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models/__init__.py": "from .pages import ShopPage\n",
            "shop/models/pages.py": "def calendar(self):\n    from shop import calendar\n",
            "shop/calendar.py": "import shop.models\n",
        },
    )
    monkeypatch.setattr("tests.config.test_architecture.ROOT", tmp_path)
    assert cycles_in(module_graph(["shop"])) == ["shop.calendar → shop.models → shop.models.pages → shop.calendar"]


def test_a_service_may_read_the_models_a_page_does_not_call_it_from(tmp_path, monkeypatch):
    """The order page hands its form to the mail, which reads orders: each way is one way."""
    write_shop(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models/__init__.py": "from .orders import Order\nfrom .pages import ShopPage\n",
            "shop/models/orders.py": "",
            "shop/models/pages.py": "from .orders import Order\n\ndef submit(self):\n    from ..mail import send\n",
            "shop/mail.py": "from .models import Order\n",
        },
    )
    monkeypatch.setattr("tests.config.test_architecture.ROOT", tmp_path)
    assert cycles_in(module_graph(["shop"])) == []
