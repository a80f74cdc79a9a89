"""Past one machine (docs/deployment.md): two gunicorn app servers and a task worker, each its own
process with its own scratch folder, share only PostgreSQL, Redis and an S3-compatible object store
(moto's server, started here), all switched on by environment variables, as production does.

Runs when PostgreSQL and Redis answer (POSTGRES_URL or a postgres DATABASE_URL, else
127.0.0.1:5432 as postgres; REDIS_URL, else 127.0.0.1:6379); skipped with the reason otherwise. It
makes a fresh database from a migrated template (built once per set of migrations, as `migrate`
costs far more than the rest) and drops it afterwards, and uses Redis database 15, flushed before
and after."""

import contextlib
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.migrated_template import migrations_digest
from tests.processes import manage

ROOT = Path(__file__).resolve().parents[2]
HOST = "s2pu.test"
REDIS_DB = 15
BUCKET = "s2pu-media"
ADMIN_PASSWORD = "two-servers-" + uuid.uuid4().hex
ADMIN_TOTP_KEY = uuid.uuid4().hex + uuid.uuid4().hex[:8]
TEMPLATE_PREFIX = "s2pu_two_servers_template_"
STARTUP_SECONDS = 120  # a loaded CI machine imports Wagtail slowly; a healthy run needs far less
SETTINGS_MODULE = "tests.config.two_servers_settings"
# The bucket policy docs/deployment.md asks for: anyone may read renditions, nothing else.
PUBLIC_RENDITIONS_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/images/*"}
    ],
}


def postgres_url() -> str:
    """A maintenance connection to the PostgreSQL server the suite uses, else the local one."""
    for name in ("POSTGRES_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://")):
            return urlunsplit(urlsplit(url)._replace(path="/postgres"))
    return "postgres://postgres@127.0.0.1:5432/postgres"


def redis_url() -> str:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    return urlunsplit(urlsplit(url)._replace(path=f"/{REDIS_DB}"))


def unreachable() -> str:
    """Why the shared services cannot be used, or "" when they can."""
    try:
        import psycopg

        psycopg.connect(postgres_url(), connect_timeout=2, autocommit=True).close()
    except Exception as error:  # noqa: BLE001 - any failure means: not here
        return f"PostgreSQL is not reachable at {urlsplit(postgres_url()).netloc}: {type(error).__name__}"
    try:
        import redis

        redis.Redis.from_url(redis_url(), socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001
        return f"Redis is not reachable at {urlsplit(redis_url()).netloc}: {type(error).__name__}"
    try:
        import moto.server  # noqa: F401
    except ImportError:
        return "moto[server] is not installed (requirements-dev.txt)"
    return ""


pytestmark = pytest.mark.skipif(bool(reason := unreachable()), reason=reason or "services reachable")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def admin_sql(*statements: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url(), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def database_url(name: str) -> str:
    return urlunsplit(urlsplit(postgres_url())._replace(path=f"/{name}"))


def query(name: str, sql: str, *parameters) -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url(name), autocommit=True) as connection:
        return connection.execute(sql, parameters).fetchall()


def run_manage(env: dict, *arguments: str, timeout: float = 600) -> str:
    result = manage(*arguments, env=env, timeout=timeout)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout


def migrated_template(env: dict) -> str:
    """A database with every migration applied, named after the migrations and the pinned
    requirements, so that a change to either builds a new one; older ones are dropped."""
    name = TEMPLATE_PREFIX + migrations_digest()
    existing = {row[0] for row in query("postgres", "SELECT datname FROM pg_database")}
    if name not in existing:
        building = f"{name}_{os.getpid()}"
        admin_sql(f'CREATE DATABASE "{building}"')
        try:
            run_manage({**env, "DATABASE_URL": database_url(building)}, "migrate", "--noinput", "-v0")
            admin_sql(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        except Exception:
            admin_sql(f'DROP DATABASE IF EXISTS "{building}"')
            if name not in {row[0] for row in query("postgres", "SELECT datname FROM pg_database")}:
                raise  # not another run's template built meanwhile: a real failure
    for old in existing:
        if old.startswith(TEMPLATE_PREFIX) and old != name:
            admin_sql(f'DROP DATABASE IF EXISTS "{old}"')
    return name


SETUP = """
import datetime, json
from django.contrib.auth import get_user_model
from wagtail.models import Collection
from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, RegistrationPageFactory
from home.factories import StandardPageFactory, homes_in_every_language

homes = homes_in_every_language()
about = StandardPageFactory(parent=homes["nb"], title="Om oss før publisering", slug="om-oss")
index = EventIndexPageFactory(parent=homes["nb"], title="Arrangementer", slug="arrangementer")
start = datetime.date.today() + datetime.timedelta(days=30)
event = EventPageFactory(
    parent=index, title="Samling", slug="samling", start_date=start, end_date=start,
    contact_email="sekretariat@s2pu.example",
)
day = EventDayFactory(page=event, date=start, title="Dag 1")
registration = RegistrationPageFactory(parent=event, privacy_page=about, slug="pamelding", places={day: 1})
admin = get_user_model().objects.create_superuser("admin", "admin@s2pu.example", "%(password)s")
from django_otp.plugins.otp_totp.models import TOTPDevice
TOTPDevice.objects.create(user=admin, name="phone", confirmed=True, key="%(totp_key)s")
print(json.dumps({
    "about": about.pk, "about_url": about.get_url(), "registration_url": registration.get_url(),
    "day": str(day.translation_key), "collection": Collection.get_first_root_node().pk,
}))
"""


class Browser:
    """One visitor behind the load balancer, which sends each request to the app server it names. The
    balancer terminates TLS, so requests carry X-Forwarded-Proto: https and the production settings'
    secure (__Host-) cookies are kept by hand."""

    def __init__(self, servers: dict, address: str):
        import urllib3

        self.pool = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=5, read=60))
        self.servers = servers
        self.cookies: dict[str, str] = {}
        self.address = address

    def request(self, server: str, method: str, path: str, fields=None):
        from urllib3 import encode_multipart_formdata

        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Referer": f"https://{HOST}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body, headers["Content-Type"] = encode_multipart_formdata(fields)
        url = path if path.startswith("http") else f"http://127.0.0.1:{self.servers[server]}{path}"
        response = self.pool.request(method, url, body=body, headers=headers, redirect=False)
        for cookie in response.headers.getlist("Set-Cookie"):
            name, _, value = cookie.split(";", 1)[0].partition("=")
            if value and "max-age=0" not in cookie.lower():
                self.cookies[name.strip()] = value.strip('"')
            else:
                self.cookies.pop(name.strip(), None)
        return response

    def get(self, server: str, path: str):
        return self.request(server, "GET", path)

    def submit(self, server: str, path: str, fields: list, form_path: str | None = None):
        """Post `fields` to `path` with the CSRF token of the form at `form_path` (default: `path`)."""
        page = self.get(server, form_path or path)
        assert page.status == 200, (page.status, form_path or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.data.decode()).group(1)
        return self.request(server, "POST", path, [("csrfmiddlewaretoken", token), *fields])


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with id `form_id`, as the page sends it."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields, self.textarea, self.select = form_id, False, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type", "text") not in {"submit", "button", "file", "image", "reset"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each whole process group (gunicorn's workers too) at once, then SIGKILL to what lingers."""
    for number, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        running = [process for process in processes if process.poll() is None]
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, number)
        deadline = time.monotonic() + grace
        for process in running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(max(deadline - time.monotonic(), 0.1))


def wait_until(check, what: str, processes: dict, timeout: float = STARTUP_SECONDS):
    """Poll `check` until it returns something true; fail early, with the log, if a process died."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        for name, (process, log) in processes.items():
            if process.poll() is not None:
                pytest.fail(
                    f"{name} exited with {process.returncode} while waiting for {what}:\n{log.read_text()[-4000:]}"
                )
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {name}\n{log.read_text()[-1500:]}" for name, (_, log) in processes.items())
            pytest.fail(f"timed out waiting for {what}\n{logs}")
        time.sleep(0.2)


def healthy(pool, port: int) -> bool:
    try:
        response = pool.request("GET", f"http://127.0.0.1:{port}/healthz", headers={"Host": HOST}, retries=False)
    except Exception:  # noqa: BLE001 - not listening yet
        return False
    return response.status == 200


def sent_messages(mail_dir: Path) -> list[str]:
    """Every message the file backend wrote, in any file of the shared folder (one per connection)."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        messages += [part for part in path.read_text().split("-" * 79) if "Message-ID:" in part]
    return messages


@pytest.fixture
def cluster(tmp_path):
    """Moto's S3 server, a fresh PostgreSQL database, Redis database 15, two gunicorn app servers and a
    task worker; everything stopped and removed afterwards."""
    import boto3
    import redis
    import urllib3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request at INFO
    s3_port = free_port()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_port, verbose=False)
    moto.start()
    database = f"s2pu_two_servers_{uuid.uuid4().hex[:12]}"
    store = redis.Redis.from_url(redis_url())
    processes: dict[str, tuple[subprocess.Popen, Path]] = {}
    try:
        s3_endpoint = f"http://127.0.0.1:{s3_port}"
        s3 = boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(Bucket=BUCKET)
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_RENDITIONS_POLICY))
        store.flushdb()
        mail_dir = tmp_path / "mail"
        mail_dir.mkdir()
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("DATABASE_", "REDIS_", "AWS_", "EMAIL_", "DJANGO_", "MEDIA_", "SQLITE_"))
            and name not in {"VAR_DIR", "SECRET_KEY", "ALLOWED_HOSTS", "PUBLIC_BASE_URL", "DEBUG"}
        }
        env = {
            **inherited,
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "SECRET_KEY": "two-app-servers-" + "s" * 50,
            "ALLOWED_HOSTS": HOST,
            "PUBLIC_BASE_URL": f"https://{HOST}",
            "DATABASE_URL": database_url(database),
            "REDIS_URL": redis_url(),
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "EMAIL_FILE_PATH": str(mail_dir),
            "VAR_DIR": str(tmp_path / "setup"),
            "LOG_LEVEL": "WARNING",
            # The balancer appends each visitor's address; one post per visitor and day.
            "TRUSTED_PROXY_COUNT": "1",
            "FORM_RATE_LIMIT": "1",
            "FORM_RATE_LIMIT_WINDOW": "86400",
        }
        template = migrated_template(env)
        admin_sql(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')

        ports = {"A": free_port(), "B": free_port()}
        for name, port in ports.items():
            gunicorn = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            # Each app server has its own scratch folder: nothing they share may live on local disk.
            server_env = {**env, "VAR_DIR": str(tmp_path / f"server-{name}")}
            processes[name] = (
                start([*gunicorn, "--preload", "--workers", "2"], server_env, tmp_path / f"{name}.log"),
                tmp_path / f"{name}.log",
            )
        worker_env = {**env, "VAR_DIR": str(tmp_path / "worker")}
        worker = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"]
        for queue in ("default", "mail"):  # a worker per queue, as production runs them
            log = tmp_path / f"worker-{queue}.log"
            processes[f"worker-{queue}"] = (start([*worker, "--queue-name", queue], worker_env, log), log)
        # Content is made while the servers import Django.
        setup = run_manage(env, "shell", "-c", SETUP % {"password": ADMIN_PASSWORD, "totp_key": ADMIN_TOTP_KEY})
        site = json.loads(setup.strip().splitlines()[-1])
        pool = urllib3.PoolManager()
        for name, port in ports.items():
            wait_until(lambda port=port: healthy(pool, port), f"app server {name} on /healthz", processes)
        yield {
            "browser": Browser(ports, "203.0.113.1"),
            "other_visitor": Browser(ports, "203.0.113.2"),
            "ports": ports,
            "site": site,
            "database": database,
            "s3": s3,
            "s3_endpoint": s3_endpoint,
            "mail_dir": mail_dir,
            "local_dirs": [tmp_path / f"server-{name}" for name in ports] + [tmp_path / "worker"],
            "processes": processes,
        }
    finally:
        stop([process for process, _ in processes.values()])
        admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        store.flushdb()
        store.close()
        moto.stop()


def test_two_app_servers_and_a_worker_share_everything_through_the_services(cluster):
    browser, site, database = cluster["browser"], cluster["site"], cluster["database"]

    # The one place on the day, taken through A, is taken for B: B puts the next person on the waiting list.
    def register(visitor: Browser, server: str, email: str):
        fields = [("name", "Olena Kovalenko"), ("email", email), ("days", site["day"]), ("consent", "on")]
        return visitor.submit(server, site["registration_url"], [*fields, ("s2pu_website_check", "")])

    first = register(browser, "A", "first@example.org")
    assert first.status == 303, first.data.decode()[-2000:]
    assert "fullt – venteliste" in browser.get("B", site["registration_url"]).data.decode()
    second = register(cluster["other_visitor"], "B", "second@example.org")
    assert second.status == 303, second.data.decode()[-2000:]
    statuses = dict(
        query(
            database,
            "SELECT r.email, d.status FROM events_registrationday d"
            " JOIN events_registration r ON r.id = d.registration_id",
        )
    )
    assert statuses == {"first@example.org": "confirmed", "second@example.org": "waiting"}
    # The first visitor's one post of the day, made on A, is counted on B (the other visitor's is not theirs).
    assert register(browser, "B", "third@example.org").status == 429

    # An editor signs in on A; the session is B's too.
    login = browser.submit("A", "/admin/login/", [("username", "admin"), ("password", ADMIN_PASSWORD), ("next", "")])
    assert login.status == 302, login.data.decode()[-2000:]
    # The admin's second factor (accounts/two_factor.py), also given on A and then B's too.
    from django_otp.oath import TOTP

    code = f"{TOTP(bytes.fromhex(ADMIN_TOTP_KEY)).token():06d}"
    verified = browser.submit("A", "/admin/two-factor/", [("code", code), ("next", "/admin/")])
    assert verified.status == 302, verified.data.decode()[-2000:]
    assert browser.get("B", "/admin/").status == 200

    # A document uploaded through A goes to the object store, not to A's disk, and B serves it.
    content = b"%PDF-1.4 programme " + uuid.uuid4().bytes.hex().encode()
    upload = browser.submit(
        "A",
        "/admin/documents/add/",
        [
            ("title", "Programme"),
            ("collection", str(site["collection"])),
            ("file", ("programme.pdf", content, "application/pdf")),
        ],
    )
    assert upload.status == 302, upload.data.decode()[-2000:]
    [(document_id, document_file)] = query(database, "SELECT id, file FROM wagtaildocs_document")
    stored = cluster["s3"].get_object(Bucket=BUCKET, Key=document_file)["Body"].read()
    assert stored == content
    served = browser.get("B", f"/documents/{document_id}/{Path(document_file).name}")
    assert served.status == 200 and served.data == content
    assert browser.pool.request("GET", f"{cluster['s3_endpoint']}/{BUCKET}/{document_file}").status == 403

    # An image uploaded through A: B makes its renditions in the object store, and browsers fetch them
    # from there by a plain (unsigned) URL that the content security policy allows.
    from io import BytesIO

    from PIL import Image

    png = BytesIO()
    Image.new("RGB", (400, 300), (0, 87, 183)).save(png, "PNG")
    upload = browser.submit(
        "A",
        "/admin/images/add/",
        [
            ("title", "Flagg"),
            ("description", "Ukrainas flagg i blått og gult"),
            ("collection", str(site["collection"])),
            ("file", ("flagg.png", png.getvalue(), "image/png")),
        ],
    )
    assert upload.status == 302, upload.data.decode()[-2000:]
    [(image_id,)] = query(database, "SELECT id FROM wagtailimages_image")
    edit = browser.get("B", f"/admin/images/{image_id}/")
    assert edit.status == 200
    endpoint = cluster["s3_endpoint"]
    assert endpoint in edit.headers["Content-Security-Policy"].split("img-src", 1)[1].split(";", 1)[0]
    rendition_url = re.search(rf'src="({re.escape(endpoint)}/{BUCKET}/images/[^"]+)"', edit.data.decode()).group(1)
    assert "Signature" not in rendition_url
    rendition = browser.pool.request("GET", rendition_url.replace("&amp;", "&"))
    assert rendition.status == 200 and rendition.data.startswith(b"\x89PNG")
    for folder in cluster["local_dirs"]:
        assert not list((folder / "media").rglob("*.*")), f"media written to local disk in {folder}"

    # A page B keeps for anonymous readers (in the shared page cache, and in each of its workers'
    # memory, config/wsgi.py) shows a title published through A's admin at B's next request.
    reader = Browser(cluster["ports"], "203.0.113.3")
    kept = [reader.get("B", site["about_url"]) for _ in range(8)]
    assert all("Om oss før publisering" in answer.data.decode() for answer in kept)
    assert kept[-1].headers["X-Page-Cache"] == "hit"
    edit_path = f"/admin/pages/{site['about']}/edit/"
    form = FormFields("page-edit-form")
    form.feed(browser.get("A", edit_path).data.decode())
    fields = [(name, value) for name, value in form.fields if name != "title"]
    # The empty body's count, which Wagtail's script adds to the form before it is sent.
    fields += [("title", "Om oss etter publisering"), ("body-count", "0"), ("action-publish", "action-publish")]
    published = browser.request("A", "POST", edit_path, fields)
    assert published.status == 302, published.data.decode()[-2000:]
    assert "Om oss etter publisering" in browser.get("B", site["about_url"]).data.decode()
    for _ in range(4):  # whichever of B's workers answers
        assert "Om oss etter publisering" in reader.get("B", site["about_url"]).data.decode()

    # Every mail (two confirmations and two notices to the event's contact) is sent once, by the worker.
    def all_sent():
        rows = query(database, "SELECT status FROM home_outboundemail")
        return len(rows) == 4 and all(status == "sent" for (status,) in rows)

    wait_until(all_sent, "the worker to send the outbox", cluster["processes"], timeout=60)
    messages = sent_messages(cluster["mail_dir"])
    assert len(messages) == 4
    for address in ("first@example.org", "second@example.org"):
        assert sum(f"To: {address}" in message for message in messages) == 1
