"""What the README, docs and .env.example say agrees with the code."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_readme_links_every_doc_once():
    links = re.findall(r"\]\((docs/[\w.-]+\.md)\)", (ROOT / "README.md").read_text())
    assert len(links) == len(set(links)), "a doc is listed twice"
    assert set(links) == {f"docs/{path.name}" for path in (ROOT / "docs").glob("*.md")}


def test_env_example_states_the_cache_the_code_uses_by_default():
    text = (ROOT / ".env.example").read_text()
    comment = text[: text.index("#REDIS_URL=")].rsplit("\n\n", 1)[-1]
    from config.settings import base

    assert base.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
    assert "file cache" in comment and "local memory" not in comment


def test_env_example_states_the_language_cookie_names_the_code_uses():
    text = (ROOT / ".env.example").read_text()
    comment = text[: text.index("#LANGUAGE_COOKIE_NAME=")].rsplit("\n\n", 1)[-1]
    assert settings.LANGUAGE_COOKIE_NAME in comment  # the default outside production
    production = (ROOT / "config" / "settings" / "production.py").read_text()
    default = re.search(r'LANGUAGE_COOKIE_NAME", "([^"]+)"', production).group(1)
    assert default in comment and "always" not in comment, "production reads the variable too"
