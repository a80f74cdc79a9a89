"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server.

Chromium comes from the system (/usr/bin/chromium), never from `playwright install`. Without it the
tests skip and say why, unless REQUIRE_BROWSER is set (CI), where a missing browser is a failure.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the main thread; Django would then refuse the ORM calls
# that the tests make there (loading demo content, unpublishing a page).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

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
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but Chromium is missing at /usr/bin/chromium", pytrace=False)
        _skipped.append(SKIP_REASON)
        pytest.skip(SKIP_REASON)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(browser, live_server, transactional_db, django_db_serialized_rollback):
    """The demo tree, committed so that the live server's thread sees it: {language: {key: page}}.

    Each test's rows are flushed afterwards; the serialized rollback brings back what the
    migrations created (Wagtail's root page, default site, collections, groups)."""
    from home import demo

    return demo.load()


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def context(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context, site):
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield page
    page.close()
