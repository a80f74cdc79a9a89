"""requirements.txt is what the site runs with (production installs only it); requirements-dev.txt adds
the test tools. Every package the site's code imports must come with requirements.txt."""

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

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


def imported_top_level_modules() -> set[str]:
    modules = set()
    for folder in SITE_CODE:
        for path in (ROOT / folder).rglob("*.py") if (ROOT / folder).is_dir() else []:
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
    assert not runtime & TEST_TOOLS


def test_each_package_is_pinned_once():
    for name in ("requirements.txt", "requirements-dev.txt"):
        names = [canonical(requirement.name) for requirement in requirements(name)]
        assert len(names) == len(set(names)), f"{name} lists a package twice"
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()
