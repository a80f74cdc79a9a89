"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server.

Chromium comes from the system (/usr/bin/chromium), never from `playwright install`. Without it the
tests skip and say why, unless REQUIRE_BROWSER is set (CI), where a missing browser is a failure.
"""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = "e2e: Chromium not found (apt install chromium); set REQUIRE_BROWSER=1 to make this a failure"

_skipped: list[str] = []


def chromium_path() -> str | None:
    """The system Chromium, if installed."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_line(SKIP_REASON, yellow=True)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path; skips the browser tests when it is missing, or fails them under REQUIRE_BROWSER."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but Chromium is missing at /usr/bin/chromium", pytrace=False)
        _skipped.append(SKIP_REASON)
        pytest.skip(SKIP_REASON)
    return executable


@pytest.fixture(scope="module")
def browser(chromium, django_db_setup):
    """One Chromium per test module. Module scope ends Playwright's event loop before pytest-django
    runs the tests that need no database, which come after the browser tests."""
    from playwright.sync_api import sync_playwright

    from django.db import connections

    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        # Playwright's sync API runs an event loop in this thread; Django would then refuse the ORM
        # calls that the tests make here (loading demo content, unpublishing a page). Set only while
        # the browser runs, so that no later test's subprocess (manage.py check --deploy) inherits it.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


_snapshot: dict = {}


@pytest.fixture
def site(browser, live_server, transactional_db):
    """The demo tree, committed so that the live server's thread sees it: {language: {key: page}}.

    The first test builds the tree with `demo.loader.load()` and keeps a copy of the whole database
    (tests/snapshots.py); every later test puts that copy back, which takes milliseconds on SQLite
    and a fraction of a second on PostgreSQL. The copy holds what the migrations made too (Wagtail's
    root page, default site, collections, groups), so the flush after each test needs no serialized
    rollback to bring those back.
    """
    from django.db import connection

    from wagtail.models import Page

    from tests.snapshots import restore_snapshot, take_snapshot

    if "ids" not in _snapshot:
        from demo import loader as demo

        tree = demo.load()
        _snapshot["ids"] = {code: {key: page.pk for key, page in pages.items()} for code, pages in tree.items()}
        _snapshot["copy"] = take_snapshot(connection)
        return tree

    restore_snapshot(connection, _snapshot["copy"])
    pages = Page.objects.specific().in_bulk([pk for ids in _snapshot["ids"].values() for pk in ids.values()])
    return {code: {key: pages[pk] for key, pk in ids.items()} for code, ids in _snapshot["ids"].items()}


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def context(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    yield context
    context.close()


@pytest.fixture
def page(context, site):
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield page
    page.close()


@pytest.fixture(scope="session")
def axe():
    """axe-core, run inside the page by axe-playwright-python; shared by every browser test."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()
