"""Page speed of the public site: HTTP status, SQL queries, median CPU time and bytes per page.

    .venv/bin/python bench/pages.py [URL ...] [--runs 30] [--warmup 3] [--explain-queries]
    make bench

Each run builds a throw-away SQLite database in a temporary folder (migrations plus the demo
content from `demo.loader.load()`), so it never touches var/db.sqlite3 and always measures the same
content. Requests go through the whole Django stack (middleware, URL routing, templates) with the
test client; no network and no web server are involved, so the figures are the application's own
cost. CPU time (time.process_time) rather than wall time keeps the figures steady on a busy machine.

Timings are judged only against the home page measured in the same run (the ratio column): a
page may cost at most --max-ratio times the home page's median CPU. The exit status is non-zero when
a page fails, runs more SQL queries than tests.performance.QUERY_BUDGET (warm caches) or repeats a
query shape within one request, when the home page's query count grows with the number of navigation links or
it weighs 100 KB or more in HTML, CSS and JS, when a page breaks the CPU ratio, or when the
programme or the overview grow in queries with --sessions/--partners (see docs/performance.md).
Parts of pages and empty forms are kept until content changes (home/templatetags/fragment_cache.py,
home.forms.CachedRendering), as in production; --no-fragment-cache measures what drawing them costs.
"""

import argparse
import contextlib
import inspect
import logging
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# Imported by path (the project is not an installed package): the tests hold the same budget.
from tests.performance import (  # noqa: E402
    DEMO_URLS,
    OVERVIEW,
    PROGRAMME,
    QUERY_BUDGET,
    repeated_shapes,
    without_fragment_cache,
)

HOST = "localhost"
HOME_URL = "/nb/"
CPU_BUDGET_MS = 25
MAX_RATIO = 1.5
BYTES_BUDGET = 100 * 1024
GROWTH_SIZES = (2, 20)
DEFAULT_URLS = DEMO_URLS
LIST_URLS = [PROGRAMME, OVERVIEW, "/nb/samarbeid/"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS, help="paths to measure (default: the demo pages)")
    parser.add_argument("--runs", type=int, default=30, help="measured requests per URL (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests per URL first (default 3)")
    parser.add_argument("--explain-queries", action="store_true", help="print the SQL that each URL runs")
    parser.add_argument("--full-sql", action="store_true", help="with --explain-queries: the SQL unabridged")
    parser.add_argument("--no-growth", action="store_true", help="skip the navigation growth check")
    parser.add_argument(
        "--max-ratio",
        type=float,
        default=MAX_RATIO,
        help=f"fail when a page's median CPU exceeds this many times the home page's (default {MAX_RATIO}; 0: report only)",
    )
    parser.add_argument(
        "--no-fragment-cache",
        action="store_true",
        help="draw the cached fragments of pages and forms on every request, as on the first after a publish",
    )
    parser.add_argument(
        "--sessions", type=int, default=0, help="then add N programme sessions and measure the lists again"
    )
    parser.add_argument(
        "--partners", type=int, default=0, help="then add N partners with N partnerships and measure again"
    )
    return parser.parse_args(argv)


def setup_django(tmp: Path) -> None:
    """Point the settings at the temporary folder before Django reads them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    # Measure what visitors get: no debug cursor or debug pages unless DEBUG is set explicitly.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Always a fresh SQLite file, never the database of the environment.
    os.environ.pop("DATABASE_URL", None)
    os.environ["VAR_DIR"] = str(tmp)
    os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ["STATIC_ROOT"] = str(tmp / "static")
    (tmp / "static").mkdir()  # WhiteNoise warns about a missing STATIC_ROOT; the pages need no files from it

    import django

    django.setup()
    # Expected 404s (a URL given on purpose) would otherwise log one line per request.
    logging.getLogger("django.request").setLevel(logging.ERROR)


def build_site() -> None:
    from django.core.management import call_command

    from demo import loader as demo

    call_command("migrate", interactive=False, verbosity=0)
    demo.load()
    # The search and reference index updates that loading queued, done as the task worker beside a
    # running site would have done them by now.
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def fetch(client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def query_origin() -> str:
    """Where a query comes from: the library call that ran it (if inside a template or our code),
    the innermost template being rendered and the innermost frame of this project."""
    from django.template.base import Template

    library = template = project = None
    frame = inspect.currentframe().f_back.f_back
    while frame is not None:
        filename, name = frame.f_code.co_filename, frame.f_code.co_name
        if "site-packages/" in filename:
            inner = filename.split("site-packages/", 1)[1]
            if template is None and name in ("render", "_render") and isinstance(frame.f_locals.get("self"), Template):
                template = getattr(frame.f_locals["self"].origin, "template_name", None)
            # Only the call nearest the query counts; outer frames are middleware and handlers.
            if library is None and template is None and project is None and not inner.startswith(_PLUMBING):
                library = f"{inner}:{frame.f_lineno} {name}"
        elif project is None and filename.startswith(str(BASE_DIR)) and filename != __file__:
            project = f"{Path(filename).relative_to(BASE_DIR)}:{frame.f_lineno} {name}"
        frame = frame.f_back
    return " in ".join(part for part in (library, template and f"template {template}", project) if part)


_PLUMBING = ("django/db/", "django/utils/", "django/template/", "django/core/", "django/test/", "_collections_abc")


def short_sql(sql: str) -> str:
    """The statement with its column lists folded, so that the tables and conditions stand out."""
    return re.sub(r"SELECT .*? FROM ", "SELECT … FROM ", sql)


def measure(client, url: str, explain: bool = False) -> dict:
    """Status, SQL (warm and with an empty cache) and bytes of one URL; its CPU comes from time_pages."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(client, url)
    origins = []

    def record_origin(execute, sql, params, many, context):
        origins.append(query_origin())
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as captured:
        if explain:
            with connection.execute_wrapper(record_origin):
                response, body = fetch(client, url)
        else:
            response, body = fetch(client, url)
    # Read now: the next request clears the connection's query log that `captured` points into.
    sql = [query["sql"] for query in captured.captured_queries]
    # The first visitor after a publish (or a restart) meets an empty cache; count that request too.
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        fetch(client, url)
    cold_queries = len(cold.captured_queries)
    return {
        "url": url,
        "status": response.status_code,
        "queries": len(sql),
        "repeats": sum(count - 1 for count in repeated_shapes(sql).values()),
        "cold_queries": cold_queries,
        "sql": sql,
        "origins": origins,
        "bytes": len(body),
        "body": body,
    }


def time_pages(client, results: list[dict], runs: int, warmup: int) -> list[dict]:
    """Each result's median CPU time, the URLs taken in turn, one request each per round: a slow
    spell of the machine then falls on every page alike rather than on the few measured during it,
    which keeps the ratios to the home page steady from run to run."""
    for _ in range(warmup):
        for result in results:
            fetch(client, result["url"])
    timings = {result["url"]: [] for result in results}
    for _ in range(runs):
        for result in results:
            start = time.process_time()
            fetch(client, result["url"])
            timings[result["url"]].append((time.process_time() - start) * 1000)
    for result in results:
        result["cpu_ms"] = statistics.median(timings[result["url"]])
    return results


class _AssetLinks(HTMLParser):
    """Stylesheets, scripts and preloaded fonts that a page links to."""

    def __init__(self):
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.fonts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and attrs.get("href"):
            self.css.append(attrs["href"])
        elif tag == "link" and "preload" in rel and attrs.get("as") == "font" and attrs.get("href"):
            self.fonts.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])


def static_file(url: str) -> Path | None:
    """The file under static/ that a /static/ URL serves, if it is one of ours."""
    from django.conf import settings

    path = url.split("?")[0].split("#")[0]
    if not path.startswith(settings.STATIC_URL):
        return None
    relative = path[len(settings.STATIC_URL) :]
    # Hashed names (site.3f2a….css) under ManifestStaticFilesStorage map back to the source file.
    relative = re.sub(r"\.[0-9a-f]{12}(\.[a-z0-9]+)$", r"\1", relative)
    candidate = BASE_DIR / "static" / relative
    return candidate if candidate.is_file() else None


def page_weight(html: bytes) -> dict:
    parser = _AssetLinks()
    parser.feed(html.decode("utf-8", "replace"))
    weight = {"html": len(html), "css": 0, "js": 0, "fonts": 0, "missing": []}
    for kind, urls in (("css", parser.css), ("js", parser.js), ("fonts", parser.fonts)):
        for url in urls:
            path = static_file(url)
            if path is None:
                weight["missing"].append(url)
            else:
                weight[kind] += path.stat().st_size
    weight["total"] = weight["html"] + weight["css"] + weight["js"]
    return weight


def growth(client, sizes=GROWTH_SIZES) -> list[tuple[int, int, int]]:
    """Query counts of the nb home page (cached, and with an empty cache) with the demo menu plus
    N extra links, for each N."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Locale

    from demo.loader import publish
    from home.factories import StandardPageFactory
    from home.models import HomePage, NavigationMenu

    locale = Locale.objects.get(language_code="nb")
    home = HomePage.objects.get(locale=locale, depth=2)
    menu = NavigationMenu.objects.get(locale=locale)
    original = [("link", dict(block.value)) for block in menu.links]
    extra = []
    for number in range(max(sizes)):
        page = StandardPageFactory.build(title=f"Ekstra side {number + 1}", locale=locale)
        home.add_child(instance=page)
        extra.append(publish(page))

    results = []
    for size in sizes:
        menu.links = original + [("link", {"page": page, "url": "", "label": ""}) for page in extra[:size]]
        menu.save()
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response, body = fetch(client, HOME_URL)
        cold_queries = len(cold.captured_queries)
        with CaptureQueriesContext(connection) as warm:
            fetch(client, HOME_URL)
        shown = body.decode("utf-8", "replace").count("Ekstra side")
        if response.status_code != 200 or shown < size:
            print(f"warning: /nb/ with {size} extra links: status {response.status_code}, {shown} shown")
        results.append((size, len(warm.captured_queries), cold_queries))
    return results


def main(argv=None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="s2pu-bench-"))
    try:
        setup_django(tmp)
        with without_fragment_cache(forms=True) if args.no_fragment_cache else contextlib.nullcontext():
            return run(args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def print_table(results, home_cpu) -> None:
    print("| URL | status | SQL queries | repeated | SQL, empty cache | median CPU ms | × home | bytes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for result in results:
        print(
            f"| `{result['url']}` | {result['status']} | {result['queries']} | {result['repeats']} | "
            f"{result['cold_queries']} | {result['cpu_ms']:.1f} | {result['cpu_ms'] / home_cpu:.2f} | "
            f"{result['bytes']:,} |"
        )


def budget_failures(results, home_cpu, max_ratio) -> list[str]:
    failures = []
    for r in results:
        if not 200 <= r["status"] < 400:
            failures.append(f"{r['url']} answered {r['status']}")
        if r["queries"] > QUERY_BUDGET:
            failures.append(f"{r['url']} ran {r['queries']} queries, budget {QUERY_BUDGET} (see --explain-queries)")
        if r["repeats"]:
            failures.append(f"{r['url']} repeated {r['repeats']} queries (see --explain-queries)")
        if max_ratio and r["cpu_ms"] > max_ratio * home_cpu:
            failures.append(f"{r['url']} costs {r['cpu_ms'] / home_cpu:.2f}× the home page's CPU, budget {max_ratio}×")
    return failures


def add_long_lists(sessions: int, partners: int) -> None:
    """`sessions` programme sessions on the measured event's days, and `partners` partner profiles
    (half Norwegian, half Ukrainian) paired into partnerships, with the factories the tests use."""
    import datetime

    from wagtail.models import Locale

    from demo.loader import publish
    from events.factories import ProgrammeSessionFactory
    from events.models import EventPage
    from partnerships.factories import PartnerPageFactory, PartnershipFactory, UkrainianPartnerPageFactory
    from partnerships.models import PartnershipsIndexPage

    if sessions:
        event = EventPage.objects.get(url_path__endswith="/munitsypalna-konferentsiia-s2pu-2023/")
        days = list(event.days.all())
        for number in range(sessions):
            day = days[number % len(days)]
            start = datetime.time(8 + number % 10, 0)
            ProgrammeSessionFactory(
                page=event, date=day.date, start_time=start, end_time=start.replace(minute=45), locale=event.locale
            )
    if partners:
        locale = Locale.objects.get(language_code="nb")
        index = PartnershipsIndexPage.objects.get(locale=locale)
        for _pair in range(partners // 2):
            norwegian = publish(index.add_child(instance=PartnerPageFactory.build(locale=locale)))
            ukrainian = publish(index.add_child(instance=UkrainianPartnerPageFactory.build(locale=locale)))
            PartnershipFactory(norwegian_partner=norwegian, ukrainian_partner=ukrainian)


def run(args) -> int:
    from django.conf import settings
    from django.test import Client

    if not any((BASE_DIR / "locale").glob("*/LC_MESSAGES/django.mo")):
        print("note: no compiled translations (locale/*/LC_MESSAGES/django.mo); run `make compilemessages`.\n")
    build_site()
    client = Client(HTTP_HOST=HOST)

    urls = args.urls if HOME_URL in args.urls else [HOME_URL, *args.urls]
    results = time_pages(client, [measure(client, url, args.explain_queries) for url in urls], args.runs, args.warmup)
    home = next(r for r in results if r["url"] == HOME_URL)
    home_cpu = home["cpu_ms"] or 0.001

    print(
        f"Settings {os.environ['DJANGO_SETTINGS_MODULE']} (DEBUG={settings.DEBUG}), throw-away SQLite; "
        f"CPU = median of {args.runs} requests after {args.warmup} warm-up requests; "
        f"repeated = queries whose shape (the SQL without its values) already ran in the request.\n"
    )
    print_table(results, home_cpu)

    if args.explain_queries:
        for result in results:
            print(f"\n### {result['url']}: {result['queries']} queries\n")
            for number, sql in enumerate(result["sql"], 1):
                origin = result["origins"][number - 1] if len(result["origins"]) >= number else ""
                print(
                    f"{number}. `{sql if args.full_sql else short_sql(sql)}`"
                    + (f"  \n   from {origin}" if origin else "")
                )

    failures = budget_failures(results, home_cpu, args.max_ratio)
    cpu_note = "within" if home["cpu_ms"] <= CPU_BUDGET_MS else "OVER (timings are reported, not judged)"
    print(f"\nHome {HOME_URL}: {home['queries']} queries (budget {QUERY_BUDGET}), ", end="")
    print(f"{home['cpu_ms']:.1f} ms median CPU (budget {CPU_BUDGET_MS} ms: {cpu_note}).")
    worst = max(results, key=lambda r: r["cpu_ms"])
    budget = f"budget {args.max_ratio}×" if args.max_ratio else "not judged"
    print(f"Dearest page: {worst['url']}, {worst['cpu_ms'] / home_cpu:.2f}× the home page ({budget}).")

    weight = page_weight(home["body"])
    verdict = "within" if weight["total"] < BYTES_BUDGET else "OVER"
    print(
        f"Home {HOME_URL} weight before images: HTML {weight['html']:,} + CSS {weight['css']:,} + "
        f"JS {weight['js']:,} = {weight['total']:,} bytes ({weight['total'] / 1024:.1f} KB; "
        f"budget < {BYTES_BUDGET // 1024} KB: {verdict}). Preloaded fonts, not counted: {weight['fonts']:,} bytes."
    )
    if weight["missing"]:
        print(f"warning: linked files not found under static/: {', '.join(weight['missing'])}")
    if weight["total"] >= BYTES_BUDGET:
        failures.append(f"{HOME_URL} weighs {weight['total']:,} bytes, budget < {BYTES_BUDGET:,}")

    if args.sessions or args.partners:
        before = {r["url"]: r for r in results if r["url"] in LIST_URLS}
        before.update({url: measure(client, url) for url in LIST_URLS if url not in before})
        add_long_lists(args.sessions, args.partners)
        # The home page again beside them, so that the ratios compare requests of the same rounds.
        after = time_pages(client, [measure(client, url) for url in [HOME_URL, *LIST_URLS]], args.runs, args.warmup)
        home_cpu = after[0]["cpu_ms"] or 0.001
        print(f"\nWith {args.sessions} more programme sessions and {args.partners} more partners:\n")
        print_table(after, home_cpu)
        failures += budget_failures(after, home_cpu, args.max_ratio)
        for result in after[1:]:
            if result["queries"] != before[result["url"]]["queries"]:
                failures.append(
                    f"{result['url']} query count grows with the list: "
                    f"{before[result['url']]['queries']} → {result['queries']}"
                )

    if not args.no_growth:
        counts = growth(client)
        print("\n| extra links in the nb main navigation | SQL queries on /nb/ | SQL, empty cache |")
        print("| ---: | ---: | ---: |")
        for size, queries, cold_queries in counts:
            print(f"| {size} | {queries} | {cold_queries} |")
        if len({queries for _size, queries, _cold in counts}) > 1 or len({cold for *_rest, cold in counts}) > 1:
            failures.append(f"{HOME_URL} query count grows with the number of navigation links: {counts}")
        else:
            print("Flat: the query count does not depend on the number of links.")

    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
