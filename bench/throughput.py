"""Requests per second of public pages through gunicorn with the production settings, with and
without the page cache (home/page_cache.py).

    .venv/bin/python bench/throughput.py [--requests 3000] [--concurrency 8] [--workers 2×cores+1] [--threads 2] [--rounds 3]

Builds a throw-away site in a temporary folder (SQLite, migrations, the demo content, collected
static files), then starts two gunicorn servers on free ports of 127.0.0.1 with
config.settings.production, one with the page cache (PAGE_CACHE_TIMEOUT 600) and one without (0),
and loads each page with ApacheBench (`ab`, Debian's apache2-utils) for a fixed number of requests
at a fixed concurrency over keep-alive connections: without the cache, then at once with it, page
after page, for a few rounds. Each page's ratio is taken within a round (both loads a few seconds
apart, so a slow spell of a shared machine falls on both) and the median of the rounds reported. Every request says it came over HTTPS (X-Forwarded-Proto, as the TLS terminator in
front would), so the production redirect to HTTPS stays out of the way. Nothing leaves the machine.
The cache lives where the settings put it: a folder under the temporary one, or Redis when
REDIS_URL is set.

Figures depend on the machine and on what else runs on it: they are reported, never judged, and
the exit status is non-zero only when a page fails to answer 200.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from statistics import median

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
# What the TLS proxy in front passes on: the scheme, and the public host name without the app
# server's port (the page cache keeps pages for configured hosts only).
FORWARDED = {"X-Forwarded-Proto": "https", "Host": HOST}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per page with the cache (default 3000)")
    parser.add_argument(
        "--uncached-requests", type=int, default=300, help="requests per page without the cache (default 300)"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    # As docs/deployment.md runs it. With fewer workers than connections, one gthread worker may take
    # every keep-alive connection of a load and leave the other core idle (seen: 2 workers, ab -c 8).
    workers = 2 * (os.cpu_count() or 1) + 1
    parser.add_argument("--workers", type=int, default=workers, help=f"gunicorn worker processes (default {workers})")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages; medians reported (default 3)")
    parser.add_argument("--site", type=Path, help="a folder to build the site in once and reuse on later runs")
    return parser.parse_args(argv)


def site_environment(tmp: Path, page_cache_timeout: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "PUBLIC_BASE_URL": f"https://{HOST}",
        "VAR_DIR": str(tmp),
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE_TIMEOUT": str(page_cache_timeout),
        "PYTHONPATH": str(BASE_DIR),
    }
    env.pop("DATABASE_URL", None)
    return env


BUILD = """
import json
from django.core.management import call_command
from django.utils import translation
from demo import loader as demo
from events.models import EventPage
from news.models import NewsIndexPage
from partnerships.models import StoryPage
from home.models import HomePage

call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
demo.load()
call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
urls = []
for code in ("nb", "uk", "en"):
    with translation.override(code):
        def first(model):
            return model.objects.live().public().filter(locale__language_code=code).order_by("path").first()
        home, story, event, news = first(HomePage), first(StoryPage), first(EventPage), first(NewsIndexPage)
        urls += [
            ("home", code, home.url),
            ("story", code, story.url),
            ("event", code, event.url),
            ("programme", code, event.url + event.reverse_subpage("programme_view")),
            ("news list", code, news.url),
        ]
print(json.dumps(urls))
"""


def build_site(tmp: Path) -> list[tuple[str, str, str]]:
    result = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + BUILD],
        env=site_environment(tmp, 0),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(item) for item in json.loads(result.stdout.strip().splitlines()[-1])]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers=FORWARDED)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def start_gunicorn(tmp: Path, port: int, args, page_cache_timeout: int) -> subprocess.Popen:
    command = [
        PYTHON, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"{HOST}:{port}",
        "--workers", str(args.workers),
        "--threads", str(args.threads),
        "--worker-class", "gthread",
        "--keep-alive", "5",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(
        command, env=site_environment(tmp, page_cache_timeout), cwd=BASE_DIR, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    stop(server)
    raise RuntimeError("gunicorn did not answer /healthz within 120 s")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def server_cpu_seconds(master_pid: int) -> float:
    """User and system CPU time of gunicorn's master and workers so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    total = 0
    for pid in [str(master_pid), *children]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def load(port: int, path: str, requests: int, concurrency: int) -> dict:
    """ApacheBench over keep-alive connections: requests per second, failures, non-2xx answers."""
    command = ["ab", "-q", "-k", "-n", str(requests), "-c", str(concurrency)]
    for name, value in FORWARDED.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout

    def number(label):
        found = re.search(rf"^{label}:\s+([\d.]+)", output, re.MULTILINE)
        return float(found.group(1)) if found else 0.0

    return {
        "rps": number("Requests per second"),
        "failed": int(number("Failed requests")),
        "non_2xx": int(number("Non-2xx responses")),
    }


def measure(tmp: Path, urls, args) -> tuple[dict, dict]:
    """{path: [load per round]} without and with the cache."""
    servers, ports = {}, {}
    results = {cached: {path: [] for _kind, _code, path in urls} for cached in (False, True)}
    try:
        for cached in (False, True):
            ports[cached] = free_port()
            servers[cached] = start_gunicorn(tmp, ports[cached], args, 600 if cached else 0)
        for _round in range(args.rounds):
            for _kind, _code, path in urls:
                for cached in (False, True):
                    results[cached][path].append(load_page(servers[cached], ports[cached], path, args, cached))
        return results[False], results[True]
    finally:
        for server in servers.values():
            stop(server)


def load_page(server, port: int, path: str, args, cached: bool) -> dict:
    # Built once (and, with the cache, kept: each worker keeps it on its own second request at most).
    for _ in range(2 * args.workers if cached else 1):
        status, headers = get(port, path)
    if status != 200:
        return {"status": status}
    requests = args.requests if cached else args.uncached_requests
    cpu_before = server_cpu_seconds(server.pid)
    result = {
        "status": status,
        "cache": headers.get("X-Page-Cache", ""),
        **load(port, path, requests, args.concurrency),
    }
    result["cpu_ms"] = (server_cpu_seconds(server.pid) - cpu_before) * 1000 / requests
    return result


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1) if found else ""
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores ({model}), load average before the run {load_average}"


def report(urls, uncached, cached, args) -> bool:
    print(f"machine: {machine()}")
    print(
        f"gunicorn gthread, {args.workers} workers x {args.threads} threads; ab -k, concurrency {args.concurrency}; "
        f"{args.requests} requests per page cached, {args.uncached_requests} uncached; {args.rounds} rounds, medians"
    )
    print()
    print(
        "| page | language | URL | uncached req/s | cached req/s | × (rounds) | uncached CPU ms/req "
        "| cached CPU ms/req |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    ok = True
    for kind, code, path in urls:
        rounds = list(zip(uncached[path], cached[path], strict=True))
        failed = [
            (before, after)
            for before, after in rounds
            if before.get("status") != 200 or after.get("status") != 200 or after.get("cache") != "hit"
        ]
        if failed:
            ok = False
            before, after = failed[0]
            print(f"| {kind} | {code} | `{path}` | status {before.get('status')} | status {after.get('status')} "
                  f"({after.get('cache') or 'not kept'}) | |")  # fmt: skip
            continue
        errors = sum(
            before["failed"] + before["non_2xx"] + after["failed"] + after["non_2xx"] for before, after in rounds
        )
        ratios = sorted(after["rps"] / before["rps"] for before, after in rounds if before["rps"])
        note = f" ({errors} errors)" if errors else ""
        print(
            f"| {kind} | {code} | `{path}` | {median(before['rps'] for before, _ in rounds):,.0f} "
            f"| {median(after['rps'] for _, after in rounds):,.0f}{note} "
            f"| {median(ratios):.0f} ({', '.join(f'{ratio:.0f}' for ratio in ratios)}) "
            f"| {median(before['cpu_ms'] for before, _ in rounds):.1f} | {median(after['cpu_ms'] for _, after in rounds):.2f} |"
        )
    return ok


def main(argv=None) -> int:
    args = parse_args(argv)
    # Stopped from outside (timeout, Ctrl-C in a pipeline): still stop the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if shutil.which("ab") is None:
        print("ab not found: apt-get install apache2-utils", file=sys.stderr)
        return 2
    tmp = args.site or Path(tempfile.mkdtemp(prefix="s2pu-throughput-"))
    try:
        built = tmp / "urls.json"
        if not built.exists():
            tmp.mkdir(parents=True, exist_ok=True)
            built.write_text(json.dumps(build_site(tmp)))
        urls = [tuple(item) for item in json.loads(built.read_text())]
        uncached, cached = measure(tmp, urls, args)
        return 0 if report(urls, uncached, cached, args) else 1
    finally:
        if args.site is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
