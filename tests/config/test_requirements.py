"""requirements.txt is what the site runs with (production installs only it); requirements-dev.txt adds
the test tools and the factories. Every package the site's code imports must come with
requirements.txt, except in the factories (factories.py), which only the tests and the demo loader
import, when they run."""

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from tests.config.conftest import PRODUCTION_ENV
from tests.processes import environment, python

ROOT = Path(__file__).resolve().parents[2]
SITE_CODE = (
    "config",
    "home",
    "translations",
    "accounts",
    "outbox",
    "privacy",
    "ops",
    "seo",
    "events",
    "partnerships",
    "search",
    "demo",
    "news",
)
TEST_TOOLS = {"pytest", "pytest-django", "pytest-xdist", "hypothesis", "playwright", "ruff", "djhtml", "polib"}
FACTORY_PACKAGES = {"factory-boy", "wagtail-factories"}


def requirements(name: str) -> list[Requirement]:
    lines = (ROOT / name).read_text().splitlines()
    lines = [line.split(" #")[0].strip() for line in lines]
    return [Requirement(line) for line in lines if line and not line.startswith(("#", "-r"))]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def with_dependencies(names: set[str]) -> set[str]:
    """The distributions `names` install, their own requirements included (as installed here)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = canonical(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            required = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in required:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def site_modules():
    """Every module of the site's code but the factories."""
    for folder in SITE_CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name != "factories.py":
                yield path


def imported_top_level_modules() -> set[str]:
    modules = set()
    for path in site_modules():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules


def test_every_package_the_site_imports_comes_with_requirements_txt():
    runtime = with_dependencies({requirement.name for requirement in requirements("requirements.txt")})
    distributions = metadata.packages_distributions()
    missing = set()
    for module in imported_top_level_modules() - set(SITE_CODE) - set(sys.stdlib_module_names):
        owners = {canonical(name) for name in distributions.get(module, [])}
        if owners and not owners & runtime:
            missing.add(f"{module} ({', '.join(sorted(owners))})")
    assert not missing, f"imported by the site but not installed by requirements.txt: {sorted(missing)}"


def test_test_tools_stay_out_of_what_production_installs():
    runtime = {canonical(requirement.name) for requirement in requirements("requirements.txt")}
    assert not runtime & (TEST_TOOLS | FACTORY_PACKAGES)


# Run under the production settings with the factory packages made unimportable, as on a server
# that installed requirements.txt only: what Django loads at start-up (every installed app, its
# models and ready()), the URLconf with every view module it names, every app's wagtail_hooks, every
# template tag library and middleware, then every other module of the site's code but the factories.
WITHOUT_FACTORIES = """
import importlib, sys

# What Python's import system answers for a package that is not installed.
sys.modules["factory"] = sys.modules["wagtail_factories"] = None

import django
django.setup()

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils.module_loading import import_string
from wagtail import hooks

get_resolver().url_patterns
hooks.search_for_hooks()
for engine in engines.all():
    engine.engine.template_libraries
for name in settings.MIDDLEWARE:
    import_string(name)
for name in sys.argv[1:]:
    importlib.import_module(name)
"""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_site_runs_in_production_without_the_factories():
    # Other settings modules would set up Django again, differently.
    modules = [
        module_name(path) for path in site_modules() if module_name(path).rpartition(".")[0] != "config.settings"
    ]
    result = python(
        "-c",
        WITHOUT_FACTORIES,
        *modules,
        env=environment(DJANGO_SETTINGS_MODULE="config.settings.production", **PRODUCTION_ENV),
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_demo_loader_asks_for_the_factories_only_when_it_runs():
    code = WITHOUT_FACTORIES + (
        "from django.core.management import call_command\n"
        "from django.core.management.base import CommandError\n"
        "try:\n"
        "    call_command('load_demo')\n"
        "except CommandError as error:\n"
        "    print(error)\n"
    )
    result = python("-c", code, env=environment(DJANGO_SETTINGS_MODULE="config.settings.production", **PRODUCTION_ENV))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "install requirements-dev.txt" in result.stdout


def test_each_package_is_pinned_once():
    for name in ("requirements.txt", "requirements-dev.txt"):
        names = [canonical(requirement.name) for requirement in requirements(name)]
        assert len(names) == len(set(names)), f"{name} lists a package twice"
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()
