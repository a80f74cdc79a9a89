"""Requests per second of public pages with the production settings, through every layer a reader
may meet: built by Django (no cache), from Django's cache (gunicorn), from Varnish in front of it
(docs/varnish/s2pu.vcl), and, for scale, nginx serving a static file of the same size.

    .venv/bin/python bench/throughput.py [--requests 3000] [--front-requests 20000] [--concurrency 8]
        [--workers 2×cores+1] [--threads 2] [--rounds 3] [--keep-alive] [--site DIR]

Builds a throw-away site in a temporary folder (SQLite, migrations, the demo content, collected
static files), starts two gunicorn servers on free ports of 127.0.0.1 with
config.settings.production, one with the page cache (PAGE_CACHE_TIMEOUT 600) and one without (0),
Varnish in front of the first and nginx with each page's body as a static file, then loads each page
on each with ApacheBench (`ab`, Debian's apache2-utils) for a fixed number of requests at a fixed
concurrency, a new connection per request unless --keep-alive, page after page, for a few rounds;
medians are reported with the rounds. Every request names the site's configured host and says it
came over HTTPS (X-Forwarded-Proto, as the TLS terminator in front would), so the production
redirect to HTTPS stays out of the way. Nothing leaves the machine. Varnish and nginx are Debian's
packages; a layer whose server is not installed is left out of the table.

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
VCL = BASE_DIR / "docs" / "varnish" / "s2pu.vcl"
NGINX_CONF = """
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_timeout 5;
    server {{
        listen {host}:{port};
        root {prefix}/pages;
    }}
}}
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per page with the cache (default 3000)")
    parser.add_argument(
        "--uncached-requests", type=int, default=300, help="requests per page without the cache (default 300)"
    )
    parser.add_argument(
        "--front-requests", type=int, default=20000, help="requests per page to Varnish and nginx (default 20000)"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    parser.add_argument("--keep-alive", action="store_true", help="reuse connections (ab -k); default: one per request")
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
        # What a deployment with a front cache sets: pages may be kept by it for longer (s-maxage).
        "FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:6081",
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


def load(port: int, path: str, requests: int, concurrency: int, keep_alive: bool) -> dict:
    """ApacheBench: requests per second, failures, non-2xx answers."""
    command = ["ab", "-q", *(["-k"] if keep_alive else []), "-n", str(requests), "-c", str(concurrency)]
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


LAYERS = ("uncached", "django", "varnish", "nginx")


def start_varnish(tmp: Path, port: int, backend_port: int) -> subprocess.Popen | None:
    executable = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if executable is None:
        return None
    vcl = tmp / "bench.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    command = [executable, "-F", "-j", "none", "-a", f"{HOST}:{port}", "-f", str(vcl), "-n", str(tmp / "varnish")]
    server = subprocess.Popen(
        [*command, "-s", "malloc,256m"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for_port(server, port)
    return server


def start_nginx(tmp: Path, port: int, bodies: dict[str, bytes]) -> subprocess.Popen | None:
    executable = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if executable is None:
        return None
    prefix = tmp / "nginx"
    (prefix / "pages").mkdir(parents=True, exist_ok=True)
    for name, body in bodies.items():
        (prefix / "pages" / name).write_bytes(body)
    conf = prefix / "nginx.conf"
    conf.write_text(NGINX_CONF.format(prefix=prefix, host=HOST, port=port))
    command = [executable, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"]
    server = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    wait_for_port(server, port)
    return server


def wait_for_port(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"{server.args[0]} stopped at start") from None
            time.sleep(0.1)
    raise RuntimeError(f"{server.args[0]} did not listen on {port} within 30 s")


def measure(tmp: Path, urls, args) -> tuple[dict, dict]:
    """{layer: {path: [load per round]}} for the layers whose server could be started, and {path:
    bytes of the page}."""
    servers, ports = {}, {}
    results = {layer: {path: [] for _kind, _code, path in urls} for layer in LAYERS}
    try:
        for layer, timeout in (("uncached", 0), ("django", 600)):
            ports[layer] = free_port()
            servers[layer] = start_gunicorn(tmp, ports[layer], args, timeout)
        bodies = {}
        for index, (_kind, _code, path) in enumerate(urls):
            bodies[f"{index}.html"] = get_body(ports["django"], path)
        ports["varnish"], ports["nginx"] = free_port(), free_port()
        servers["varnish"] = start_varnish(tmp, ports["varnish"], ports["django"])
        servers["nginx"] = start_nginx(tmp, ports["nginx"], bodies)
        for _round in range(args.rounds):
            for index, (_kind, _code, path) in enumerate(urls):
                for layer in LAYERS:
                    if servers[layer] is None:
                        continue
                    address = f"/{index}.html" if layer == "nginx" else path
                    results[layer][path].append(load_page(servers[layer], ports[layer], address, args, layer))
        sizes = {path: len(bodies[f"{index}.html"]) for index, (_kind, _code, path) in enumerate(urls)}
        return {layer: found for layer, found in results.items() if servers[layer] is not None}, sizes
    finally:
        for server in servers.values():
            if server is not None:
                stop(server)


def get_body(port: int, path: str) -> bytes:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers=FORWARDED)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
        return response.read()


def load_page(server, port: int, path: str, args, layer: str) -> dict:
    # Built once and, where a cache is in the way, kept (asked twice per gunicorn worker at most).
    for _ in range(2 * args.workers if layer != "uncached" else 1):
        status, headers = get(port, path)
    if status != 200:
        return {"status": status}
    requests = {"uncached": args.uncached_requests, "django": args.requests}.get(layer, args.front_requests)
    cpu_before = server_cpu_seconds(server.pid) if layer in ("uncached", "django") else 0
    result = {
        "status": status,
        "cache": headers.get("X-Front-Cache" if layer == "varnish" else "X-Page-Cache", ""),
        **load(port, path, requests, args.concurrency, args.keep_alive),
    }
    if layer in ("uncached", "django"):
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


def report(urls, results, sizes, args) -> bool:
    print(f"machine: {machine()}")
    connections = "keep-alive (ab -k)" if args.keep_alive else "a new connection per request"
    print(
        f"gunicorn gthread, {args.workers} workers x {args.threads} threads; ab, {connections}, concurrency "
        f"{args.concurrency}; requests per page: uncached {args.uncached_requests}, Django's cache {args.requests}, "
        f"Varnish and nginx {args.front_requests}; {args.rounds} rounds, medians (rounds in brackets)"
    )
    print()
    layers = [layer for layer in LAYERS if layer in results]
    titles = {"uncached": "built", "django": "Django's cache", "varnish": "Varnish", "nginx": "nginx, static file"}
    columns = [f"{titles[layer]} req/s" for layer in layers]
    if {"varnish", "nginx"} <= set(layers):
        columns.append("Varnish / nginx")
    print("| page | language | bytes | " + " | ".join(columns) + " | Django's cache CPU ms/req |")
    print("| --- | --- | ---: | " + " | ".join("---:" for _ in columns) + " | ---: |")
    ok = True
    for kind, code, path in urls:
        rounds = {layer: results[layer][path] for layer in layers}
        failed = [
            (layer, load)
            for layer, loads in rounds.items()
            for load in loads
            if load.get("status") != 200 or (layer in ("django", "varnish") and load.get("cache") != "hit")
        ]
        if failed:
            ok = False
            layer, load = failed[0]
            print(f"| {kind} | {code} | | {layer}: status {load.get('status')}, {load.get('cache') or 'not kept'} |")
            continue
        cells = []
        for layer in layers:
            values = [load["rps"] for load in rounds[layer]]
            errors = sum(load["failed"] + load["non_2xx"] for load in rounds[layer])
            note = f", {errors} errors" if errors else ""
            cells.append(f"{median(values):,.0f} ({', '.join(f'{value:,.0f}' for value in values)}{note})")
        if {"varnish", "nginx"} <= set(layers):
            shares = [
                front["rps"] / static["rps"] for front, static in zip(rounds["varnish"], rounds["nginx"], strict=True)
            ]
            cells.append(f"{median(shares):.2f}")
        cpu = median(load["cpu_ms"] for load in rounds["django"])
        print(f"| {kind} | {code} | {sizes[path]:,} | " + " | ".join(cells) + f" | {cpu:.2f} |")
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
        results, sizes = measure(tmp, urls, args)
        return 0 if report(urls, results, sizes, args) else 1
    finally:
        if args.site is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
