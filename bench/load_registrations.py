"""Registration burst: gunicorn on 127.0.0.1, N registrations from C concurrent clients.

    .venv/bin/python bench/load_registrations.py                      # 1000 from 100 clients, SQLite
    .venv/bin/python bench/load_registrations.py --database-url postgres://postgres@127.0.0.1:5432/s2pu_bench

Each client does what a browser does: GET the form (CSRF cookie and token, day choices), POST it,
follow the 303 to the confirmation page. Afterwards the database is read back: every confirmation
page must have exactly one stored registration, every error none, and no day may hold more confirmed
places than its capacity. Prints lost / phantom / 5xx / p50 / p95. The SQLite run uses a fresh
database in a temporary folder; the PostgreSQL run migrates the given (scratch) database and adds a
new event to it. The task worker (`manage.py db_worker`) runs beside gunicorn, as in production, and
writes the mail to files in the temporary folder; afterwards the script waits until the outbox of the
event is empty and counts what was sent. Only loopback is touched.
"""

import argparse
import concurrent.futures
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

SETUP = """
import datetime, json, uuid
from demo import loader as demo
from events.factories import EventIndexPageFactory, EventPageFactory, EventDayFactory, RegistrationPageFactory
from events.models import EventIndexPage
pages = demo.load()
home = pages["nb"]["home"]
index = EventIndexPage.objects.child_of(home).first() or EventIndexPageFactory(parent=home, title="Arrangementer", slug="")
start = datetime.date.today() + datetime.timedelta(days=30)
event = EventPageFactory(parent=index, title="Last " + uuid.uuid4().hex[:8], start_date=start,
                         end_date=start + datetime.timedelta(days=1), locale=home.locale)
days = [EventDayFactory(page=event, date=start, title="Dag 1", locale=home.locale),
        EventDayFactory(page=event, date=start + datetime.timedelta(days=1), title="Dag 2", locale=home.locale)]
page = RegistrationPageFactory(parent=event, locale=home.locale, places={{days[0]: {capacity}}})
print("RESULT" + json.dumps({{"url": page.url, "event": event.pk,
                             "capacity": {{str(days[0].translation_key): {capacity}, str(days[1].translation_key): None}}}}))
"""

READBACK = """
import json
from events.models import Registration, RegistrationDay
rows = Registration.objects.filter(event_id={event}).values_list("email", flat=True)
emails = {{}}
for email in rows:
    emails[email] = emails.get(email, 0) + 1
confirmed = {{}}
for key in RegistrationDay.objects.filter(registration__event_id={event}, status="confirmed").values_list("day_key", flat=True):
    confirmed[str(key)] = confirmed.get(str(key), 0) + 1
from outbox.models import OutboundEmail
ids = Registration.objects.filter(event_id={event}).values_list("pk", flat=True)
mail = OutboundEmail.objects.filter(reference__in=["registration:%d" % pk for pk in ids])
print("RESULT" + json.dumps({{"emails": emails, "confirmed": confirmed, "mail_sent": mail.filter(status="sent").count(),
                             "mail_waiting": mail.exclude(status="sent").count()}}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, code=None) -> str:
    command = [PYTHON, "manage.py", *args] if code is None else [PYTHON, "manage.py", "shell", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args) or 'shell'} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def shell_json(env, code) -> dict:
    output = manage(env, code=code)
    return json.loads(output.split("RESULT", 1)[1].strip().splitlines()[0])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def one_registration(base: str, path: str, n: int, rng_days: list[list[str]]) -> dict:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    email = f"load{n}@example.org"
    outcome = {"email": email, "ok": False, "status": None, "seconds": None, "error": ""}
    try:
        html = opener.open(base + path, timeout=120).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        days = re.findall(r'name="days" value="([^"]+)"', html)
        chosen = rng_days[n % len(rng_days)] if rng_days else days
        data = [
            ("csrfmiddlewaretoken", token),
            ("name", f"Load Тест {n} ÆØÅ"),
            ("email", email),
            ("consent", "on"),
            ("s2pu_website_check", ""),
            *[("days", day) for day in chosen],
        ]
        request = urllib.request.Request(
            base + path, data=urllib.parse.urlencode(data).encode(), headers={"Referer": base + path}
        )
        started = time.perf_counter()
        try:
            response = opener.open(request, timeout=120)
            status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            location = error.headers.get("Location")
        else:
            location = response.headers.get("Location")
        outcome["seconds"] = time.perf_counter() - started
        outcome["status"] = status
        if status == 303 and location and "/done/" in location:
            done = opener.open(urllib.parse.urljoin(base + path, location), timeout=120)
            outcome["ok"] = done.status == 200
            outcome["status"] = done.status if not outcome["ok"] else 303
    except urllib.error.HTTPError as error:
        outcome["status"] = error.code
    except Exception as error:  # noqa: BLE001 - counted as an error, never a crash of the bench
        outcome["error"] = type(error).__name__
    return outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--registrations", type=int, default=1000)
    parser.add_argument("-c", "--clients", type=int, default=100)
    parser.add_argument("-w", "--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--capacity", type=int, default=None, help="places on day 1 (default: N/2)")
    parser.add_argument("--database-url", default="", help="PostgreSQL (scratch database); default a temp SQLite")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="s2pu-load-"))
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "VAR_DIR": str(scratch),
        "FORM_RATE_LIMIT": "0",  # every client shares 127.0.0.1
        "LOG_LEVEL": "WARNING",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    capacity = args.capacity if args.capacity is not None else args.registrations // 2
    server = worker = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        setup = shell_json(env, SETUP.format(capacity=capacity))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [GUNICORN, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers), "--timeout", "120"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(scratch / "gunicorn.log", "w"),  # noqa: SIM115 - closed with the process
            start_new_session=True,
        )
        worker = subprocess.Popen(
            # Every queue in one worker (production runs one per queue): the bench counts the mail sent.
            [PYTHON, "manage.py", "db_worker", "--no-reload", "-v0", "--queue-name", "*"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(scratch / "worker.log", "w"),  # noqa: SIM115 - closed with the process
            start_new_session=True,
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(base + setup["url"], timeout=5).read()
                break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not answer")

        keys = list(setup["capacity"])
        choices = [[keys[0]], [keys[1]], keys]  # day 1, day 2 or both
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            outcomes = list(
                pool.map(lambda n: one_registration(base, setup["url"], n, choices), range(args.registrations))
            )
        wall = time.perf_counter() - started
        # The worker sends the mail after the burst has been answered; give it until the outbox is empty.
        for _ in range(600):
            stored = shell_json(env, READBACK.format(event=setup["event"]))
            if not stored["mail_waiting"]:
                break
            time.sleep(1)
        mail_done = time.perf_counter() - started
    finally:
        for process in (server, worker):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=60)

    emails = stored["emails"]
    ok = [o for o in outcomes if o["ok"]]
    failed = [o for o in outcomes if not o["ok"]]
    lost = [o for o in ok if emails.get(o["email"], 0) != 1]
    phantom = [o for o in failed if emails.get(o["email"], 0) != 0]
    five_xx = [o for o in outcomes if (o["status"] or 0) >= 500]
    oversold = {
        key: n for key, n in stored["confirmed"].items() if setup["capacity"][key] and n > setup["capacity"][key]
    }
    timings = sorted(o["seconds"] for o in outcomes if o["seconds"] is not None)
    p50 = statistics.median(timings) if timings else float("nan")
    p95 = timings[int(0.95 * (len(timings) - 1))] if timings else float("nan")
    database = "PostgreSQL" if args.database_url else "SQLite (WAL, IMMEDIATE)"
    print(
        f"{database}: {args.registrations} registrations from {args.clients} clients, gunicorn -w {args.workers}\n"
        f"  confirmed pages {len(ok)}, errors {len(failed)} ({sorted({o['status'] or o['error'] for o in failed}, key=str)})\n"
        f"  lost {len(lost)}, phantom {len(phantom)}, 5xx {len(five_xx)}, oversold days {len(oversold)}\n"
        f"  day 1: {stored['confirmed'].get(keys[0], 0)} confirmed of {capacity}; day 2: {stored['confirmed'].get(keys[1], 0)} (no limit)\n"
        f"  POST p50 {p50:.3f} s, p95 {p95:.3f} s; wall {wall:.1f} s ({len(outcomes) / wall:.0f} registrations/s)\n"
        f"  mail sent by the worker {stored['mail_sent']}, still waiting {stored['mail_waiting']}, "
        f"all sent {mail_done:.1f} s after the burst began"
    )
    shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(1 if lost or phantom or five_xx or oversold or failed or stored["mail_waiting"] else 0)


if __name__ == "__main__":
    main()
