"""The site under gunicorn with the production settings, as docs/deployment.md runs it on one machine
(SQLite, the file cache): a HEAD on a cached page leaves the log clean, /healthz names the release and
since when the worker serves it, a reload (HUP, `systemctl reload`) brings new workers on the same
port, and a restart that could not take the port is seen on /healthz, while one that waits for the
old server to exit (`systemctl restart`) serves the new release."""

import os
import signal
import sys
import time

import pytest
import urllib3

from tests.config.test_two_app_servers import SETTINGS_MODULE, free_port, start, stop, wait_until
from tests.migrated_template import migrated_sqlite_database
from tests.processes import environment, manage

HOST = "127.0.0.1"
PROXY = {"Host": HOST, "X-Forwarded-Proto": "https"}  # what the TLS proxy in front sends
SETUP = "from home.factories import homes_in_every_language; homes_in_every_language()"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn")
    migrated_sqlite_database(folder / "db.sqlite3")
    env = environment(
        without={"DATABASE_URL", "SQLITE_PATH", "REDIS_URL", "LOG_LEVEL", "PAGE_CACHE_TIMEOUT"},
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        SECRET_KEY="gunicorn-test-" + "s" * 50,
        ALLOWED_HOSTS=HOST,
        PUBLIC_BASE_URL=f"https://{HOST}",
        VAR_DIR=str(folder),
        RELEASE="first",
    )
    made = manage("shell", "-c", SETUP, env=env)
    assert made.returncode == 0, made.stderr[-3000:]
    return {"folder": folder, "env": env}


def gunicorn(site, port: int, log_name: str, **env):
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"{HOST}:{port}"]
    log = site["folder"] / log_name
    return start([*command, "--workers", "1", "--threads", "2"], {**site["env"], **env}, log), log


def health(pool, port: int) -> dict | None:
    try:
        response = pool.request("GET", f"http://{HOST}:{port}/healthz", headers=PROXY, retries=False)
    except urllib3.exceptions.HTTPError:
        return None
    return response.json() if response.status == 200 else None


@pytest.fixture(scope="module")
def server(site):
    port = free_port()
    process, log = gunicorn(site, port, "server.log")
    pool = urllib3.PoolManager()
    try:
        wait_until(lambda: health(pool, port), "gunicorn on /healthz", {"gunicorn": (process, log)})
        yield {"port": port, "process": process, "log": log, "pool": pool}
    finally:
        stop([process])


def test_a_head_on_a_kept_page_leaves_the_log_clean(server):
    url, pool = f"http://{HOST}:{server['port']}", server["pool"]
    # The first page ever served creates the site's settings, a content change like any other.
    page = [pool.request("GET", f"{url}/nb/", headers=PROXY, retries=False) for _ in range(3)]
    assert page[-1].headers["X-Page-Cache"] == "hit"
    for path in ("/nb/", "/healthz"):
        answer = pool.request("HEAD", f"{url}{path}", headers=PROXY, retries=False)
        assert answer.status == 200
    assert answer.data == b""
    time.sleep(0.5)  # gunicorn writes its log line after the answer
    assert [line for line in server["log"].read_text().splitlines() if "WARNING" in line] == []


def test_healthz_names_the_release(server):
    assert health(server["pool"], server["port"])["release"] == "first"


def test_a_reload_brings_new_workers_on_the_same_port(server):
    before = health(server["pool"], server["port"])["started"]
    time.sleep(1.1)  # `started` counts whole seconds
    os.kill(server["process"].pid, signal.SIGHUP)
    now = wait_until(
        lambda: (answer := health(server["pool"], server["port"])) and answer["started"] > before and answer,
        "a new worker after HUP",
        {"gunicorn": (server["process"], server["log"])},
    )
    assert now["release"] == "first"


def test_a_restart_that_could_not_take_the_port_is_seen_on_healthz(site):
    port, pool = free_port(), urllib3.PoolManager()
    old, old_log = gunicorn(site, port, "old.log")
    try:
        wait_until(lambda: health(pool, port), "the old server", {"old": (old, old_log)})
        # Started while the old one still holds the port: it gives up, and the old one keeps serving.
        early, early_log = gunicorn(site, port, "early.log", RELEASE="second")
        assert early.wait(timeout=120) != 0
        assert "in use" in early_log.read_text()
        assert health(pool, port)["release"] == "first"
        # As `systemctl restart` does it: the old server stopped and gone, then the new one started.
        old.send_signal(signal.SIGTERM)
        old.wait(timeout=60)
        new, new_log = gunicorn(site, port, "new.log", RELEASE="second")
        try:
            answer = wait_until(lambda: health(pool, port), "the new server", {"new": (new, new_log)})
            assert answer["release"] == "second"
        finally:
            stop([new])
    finally:
        stop([old])
