"""`manage.py deploy_check`: passes on a complete production deploy, and names each missing step
with the command that fixes it; `.env.example` and the README list every variable the settings
read; the systemd units are valid."""

import ast
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model

from cms import deploy_checks
from cms.deploy_checks import run_checks
from forms.heartbeats import WorkerHeartbeat
from tests.conftest import create_postgres_database, postgres_url

ROOT = Path(__file__).resolve().parents[2]
HEARTBEATS = WorkerHeartbeat._meta.db_table
SECRET = "x7!Kq2-production-like-secret-key-with-50-plus-characters-9z"
SETTINGS_FILES = [*sorted((ROOT / "cms" / "settings").glob("*.py")), ROOT / "cms/gunicorn.conf.py"]
READERS = {"env", "env_bool", "get"}  # env("X"), env_bool("X"), os.environ.get("X")


def variables_read_by_settings() -> set[str]:
    names = set()
    for path in SETTINGS_FILES:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            first = node.args[0]
            if (
                name in READERS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and re.fullmatch(r"[A-Z][A-Z0-9_]+", first.value)
            ):
                names.add(first.value)
    return names


def test_every_variable_the_settings_read_is_in_env_example_and_the_readme():
    variables = variables_read_by_settings()
    assert {"DJANGO_SECRET_KEY", "SEARCH_URL", "GUNICORN_BIND", "STATIC_ROOT"} <= variables
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert variables - listed == set(), "missing from .env.example"
    readme = (ROOT / "README.md").read_text()
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    in_table = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert variables - in_table == set(), "missing from the README's configuration table"


def test_the_readme_lists_the_deploy_steps_in_order():
    readme = (ROOT / "README.md").read_text()
    readme = readme[readme.index("### Deploy, step by step") :]
    steps = [
        "pip install",
        "manage.py migrate",
        "manage.py setup_site",
        "manage.py compile_translations",
        "manage.py collectstatic",
        "manage.py update_index",
        "manage.py createsuperuser",
        "manage.py deploy_check",
    ]
    positions = [readme.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_the_systemd_units_are_valid(tmp_path):
    for unit in (ROOT / "cms/deploy/systemd").iterdir():
        text = unit.read_text().replace("/srv/helpcenter", str(ROOT))
        (tmp_path / unit.name).write_text(text.replace("/etc/helpcenter/env", "/dev/null"))
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(map(str, tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


# --- each step, in the test process ------------------------------------------------------------
def failures(check) -> list[str]:
    return [result.message for result in run_checks([check]) if not result.ok]


def test_settings_of_development_are_refused(settings):
    settings.SECRET_KEY = deploy_checks.DEVELOPMENT_SECRET_KEY
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    messages = " | ".join(failures(deploy_checks.check_settings))
    assert "DJANGO_SETTINGS_MODULE=cms.settings.production" in messages
    assert "DJANGO_SECRET_KEY" in messages
    assert "ALLOWED_HOSTS" in messages
    assert "WAGTAILADMIN_BASE_URL" in messages


def test_an_admin_url_outside_the_allowed_hosts_is_refused(settings):
    settings.ALLOWED_HOSTS = ["help.example.com"]
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.org"
    assert any("not in ALLOWED_HOSTS" in m for m in failures(deploy_checks.check_settings))


def test_uncompiled_translations_are_named(tmp_path, monkeypatch):
    po = tmp_path / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n')
    monkeypatch.setattr(deploy_checks, "catalog_paths", lambda: [po])
    assert any("compile_translations" in m for m in failures(deploy_checks.check_translations))
    po.with_suffix(".mo").write_bytes(b"")
    assert failures(deploy_checks.check_translations) == []


def test_missing_static_manifest_says_collectstatic(settings, tmp_path, monkeypatch):
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    settings.STATIC_ROOT = str(tmp_path)
    monkeypatch.setattr(
        deploy_checks, "staticfiles_storage", CompressedManifestStaticFilesStorage()
    )
    assert any("collectstatic" in m for m in failures(deploy_checks.check_static_files))


def test_search_without_its_indices_says_update_index(settings):
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    assert any("does not answer" in m for m in failures(deploy_checks.check_search))


def test_help_desk_unset_or_unreachable_is_named(settings):
    settings.HELPDESK_URL = ""
    assert any("HELPDESK_URL is unset" in m for m in failures(deploy_checks.check_helpdesk))
    settings.HELPDESK_URL = "ftp://desk.example.com/"
    assert any("not an http(s) URL" in m for m in failures(deploy_checks.check_helpdesk))
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.HELPDESK_URL = f"http://127.0.0.1:{port}/tickets"
    assert any("cannot connect" in m for m in failures(deploy_checks.check_helpdesk))


def test_redis_unset_is_named(settings):
    settings.REDIS_URL = ""
    assert any("REDIS_URL" in m for m in failures(deploy_checks.check_redis))


def test_unwritable_media_is_named(settings, tmp_path):
    occupied = tmp_path / "a-file"  # a folder cannot be made under a file, even by root
    occupied.write_text("")
    settings.MEDIA_ROOT = str(occupied / "media")
    assert any("MEDIA_ROOT" in m for m in failures(deploy_checks.check_media))


@pytest.mark.django_db
def test_no_superuser_says_createsuperuser():
    assert any("createsuperuser" in m for m in failures(deploy_checks.check_admin_user))
    get_user_model().objects.create_superuser("root", "root@example.com", "x")
    assert failures(deploy_checks.check_admin_user) == []


# --- the command, as an operator runs it -------------------------------------------------------
def deploy_check(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", "deploy_check", "--no-color"],
        cwd=ROOT,
        env=base | {"DJANGO_SETTINGS_MODULE": "cms.settings.production"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_fresh_machine_fails_with_every_missing_step(tmp_path):
    result = deploy_check(
        DJANGO_SECRET_KEY=SECRET,
        ALLOWED_HOSTS="help.example.com",
        WAGTAILADMIN_BASE_URL="https://help.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path}/empty.sqlite3",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SEARCH_URL="",
        HELPDESK_URL="",
        REDIS_URL="",
    )
    assert result.returncode == 1
    output = result.stdout
    assert "Traceback" not in result.stderr
    for expected in [
        "set DATABASE_URL to PostgreSQL",
        "run `manage.py migrate`",
        "run `manage.py collectstatic --noinput`",
        "HELPDESK_URL is unset",
        "REDIS_URL is unset",
    ]:
        assert expected in output, output
    assert "step(s) missing" in result.stderr


@pytest.fixture
def deploy_database():
    """A database of its own for the deploy, on the test server; dropped afterwards. Under
    `make test`, a copy of the migrated database the test databases are made from
    (TEST_DATABASE_TEMPLATE): `make test` has migrated that one from nothing, and fails when
    that fails (tests/migrated_template.py); the deploy's `migrate` step still runs on it.
    Otherwise empty."""
    if not postgres_url("postgres"):
        pytest.skip("a production deploy runs on PostgreSQL")
    template = os.environ.get("TEST_DATABASE_TEMPLATE", "").strip() or None
    url = create_postgres_database("helpcenter_deploy_check", template=template)
    yield url
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute('DROP DATABASE IF EXISTS "helpcenter_deploy_check" WITH (FORCE)')


def manage(*args: str, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "cms.settings.production"} | env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_complete_deploy_passes(tmp_path, deploy_database):
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.skip("REDIS_URL not set (make test starts Redis)")
    env = {
        "DJANGO_SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "help.example.com",
        "WAGTAILADMIN_BASE_URL": "https://help.example.com",
        "DATABASE_URL": deploy_database,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SEARCH_URL": "",
        "REDIS_URL": redis_url,
    }
    # The README's steps, in its order, up to the services.
    for step in [
        ("migrate", "--noinput", "-v0"),
        ("setup_site",),
        ("compile_translations", "-v0"),
        ("collectstatic", "--noinput", "-v0"),
    ]:
        done = manage(*step, env=env)
        assert done.returncode == 0, done.stderr
    admin = manage(
        "createsuperuser",
        "--noinput",
        env=env
        | {
            "DJANGO_SUPERUSER_USERNAME": "admin",
            "DJANGO_SUPERUSER_EMAIL": "admin@example.com",
            "DJANGO_SUPERUSER_PASSWORD": SECRET,
        },
    )
    assert admin.returncode == 0, admin.stderr
    with socket.socket() as help_desk:  # the help desk accepts connections
        help_desk.bind(("127.0.0.1", 0))
        help_desk.listen()
        env["HELPDESK_URL"] = f"http://127.0.0.1:{help_desk.getsockname()[1]}/tickets"
        without_worker = deploy_check(**env)
        assert without_worker.returncode == 1
        assert "start `manage.py helpdesk_worker`" in without_worker.stdout
        worker = subprocess.Popen(  # the real worker, until its heartbeat is in the database
            [sys.executable, "manage.py", "helpdesk_worker"],
            cwd=ROOT,
            env=os.environ | {"DJANGO_SETTINGS_MODULE": "cms.settings.production"} | env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            with psycopg.connect(deploy_database, autocommit=True) as database:
                while time.monotonic() < deadline:
                    beats = database.execute(f"SELECT count(*) FROM {HEARTBEATS}").fetchone()
                    if beats[0]:
                        break
                    time.sleep(0.5)
            result = deploy_check(**env)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deploy check: ready" in result.stdout
    assert "FAIL" not in result.stdout
    assert "home page in 12 languages at help.example.com:443" in result.stdout
