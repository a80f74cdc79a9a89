"""Only the public doors of Django, Wagtail and wagtail-localize (DESIGN.md): read from the code with
the AST, the site's own modules (not the tests, which may compare against a library's internals).

- No name with a leading underscore is imported from a library.
- No attribute with a leading underscore is read or written on anything but the module's own
  objects, except the few documented ones (`Model._meta`, `_default_manager`, `_base_manager`).
- No attribute of a library module or class is assigned (a monkeypatch), and none of the private
  names the site once used (listed below) comes back.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "config",
    "home",
    "outbox",
    "privacy",
    "ops",
    "seo",
    "translations",
    "accounts",
    "events",
    "partnerships",
    "news",
    "search",
    "demo",
    "bench",
)
LIBRARIES = ("django", "wagtail", "wagtail_localize", "modelcluster", "taggit", "treebeard", "django_otp", "axes")
# Documented despite the underscore: Django's model options and managers.
DOCUMENTED = {"_meta", "_default_manager", "_base_manager"}
# What the site used before it kept to the public doors; none of it may come back under any spelling.
FORBIDDEN = {
    "_find_for_request",
    "_get_raw_host",
    "_cached_parent_obj",
    "fields_cache",
    "_json_script_escapes",
    "_unmask_cipher_token",
    "_wagtail_route_for_request",
    "_wagtail_site",
    "private_q",
    "get_for_language",
}


def site_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def own_private_names(tree: ast.AST) -> set[str]:
    """The underscore names a module defines itself: functions, classes, and attributes it sets on
    `self`/`cls` or at module level."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
        ):
            names.add(node.attr)
    return {name for name in names if name.startswith("_")}


def library_names(tree: ast.AST) -> set[str]:
    """The names under which the module imports libraries' modules and classes."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES:
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LIBRARIES:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    own = own_private_names(tree)
    libraries = library_names(tree)
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LIBRARIES:
            found += [
                f"{where}:{node.lineno} imports {alias.name} from {node.module}"
                for alias in node.names
                if alias.name.startswith("_") or alias.name in FORBIDDEN
            ]
        elif isinstance(node, ast.Attribute):
            name = node.attr
            private = name.startswith("_") and not name.startswith("__") and name not in DOCUMENTED
            if name in FORBIDDEN or (private and name not in own):
                found.append(f"{where}:{node.lineno} uses .{name}")
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(node.ctx, ast.Store) and isinstance(root, ast.Name) and root.id in libraries:
                found.append(f"{where}:{node.lineno} assigns {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", list(site_modules()), ids=lambda path: str(path.relative_to(ROOT)))
def test_a_module_uses_only_the_public_doors_of_its_libraries(path):
    assert findings(path) == []


@pytest.mark.parametrize(
    "source",
    [
        "from django.middleware.csrf import _unmask_cipher_token",
        "request._get_raw_host()",
        "from wagtail.models import Site\nSite.find_for_request = None",
        "obj._state.fields_cache['locale'] = 1",
        "from wagtail.query import PageQuerySet\nPageQuerySet.private_q = lambda queryset: None",
        "import wagtail_localize.models\nwagtail_localize.models.slugify = str",
    ],
)
def test_the_check_sees_each_kind_of_back_door(tmp_path, source):
    module = tmp_path / "probe.py"
    module.write_text(source)
    assert findings(module) != []
