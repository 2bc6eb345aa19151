"""What a production deploy must have done before visitors arrive, checked in order.

`manage.py deploy_check` (and `make deploy-check`) runs `run_checks()` with the production settings
and prints one line per step; each failure says what is missing and the command that fixes it, in
the order of the README's deploy steps. A check returns `Result`s; it never raises (an unexpected
error is a failure that names the exception).
"""

import socket
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.catalogs import catalog_paths

PRODUCTION_SETTINGS = "cms.settings.production"
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@dataclass(frozen=True)
class Result:
    step: str
    ok: bool
    message: str


def _ok(step: str, message: str) -> Result:
    return Result(step, True, message)


def _fail(step: str, message: str) -> Result:
    return Result(step, False, message)


def check_settings() -> Iterator[Result]:
    step = "settings"
    module = getattr(settings, "SETTINGS_MODULE", "")
    if module != PRODUCTION_SETTINGS:
        yield _fail(
            step,
            f"running with {module or 'no settings module'}: set "
            f"DJANGO_SETTINGS_MODULE={PRODUCTION_SETTINGS} for every manage.py command",
        )
    if settings.DEBUG:
        yield _fail(step, "DEBUG is on: the production settings turn it off")
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(settings.SECRET_KEY) < 50:
        yield _fail(
            step,
            "DJANGO_SECRET_KEY is the development key or shorter than 50 characters: generate "
            "one with `python -c 'import secrets; print(secrets.token_urlsafe(50))'`",
        )
    public_hosts = [host for host in settings.ALLOWED_HOSTS if host not in LOOPBACK_HOSTS]
    if not public_hosts:
        yield _fail(step, "ALLOWED_HOSTS names no public host name: set ALLOWED_HOSTS")
    admin_url = urllib.parse.urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if admin_url.scheme != "https" or admin_url.hostname in LOOPBACK_HOSTS:
        yield _fail(
            step,
            f"WAGTAILADMIN_BASE_URL is {settings.WAGTAILADMIN_BASE_URL}: set it to the site's "
            "https:// address (links in the admin's e-mails use it)",
        )
    elif public_hosts and not _host_allowed(admin_url.hostname or "", public_hosts):
        yield _fail(step, "WAGTAILADMIN_BASE_URL's host is not in ALLOWED_HOSTS")
    yield _ok(step, f"{module}; hosts {', '.join(public_hosts) or '-'}")


def _host_allowed(host: str, allowed: list[str]) -> bool:
    return any(
        pattern == "*"
        or host == pattern
        or (pattern.startswith(".") and (host == pattern[1:] or host.endswith(pattern)))
        for pattern in allowed
    )


def check_database() -> Iterator[Result]:
    step = "database"
    if connection.vendor == "sqlite":
        yield _fail(
            step,
            "SQLite is for `make run` only: set DATABASE_URL to PostgreSQL "
            "(postgres://user:password@host:5432/name)",
        )
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:
        yield _fail(step, f"cannot reach the database ({type(error).__name__}): check DATABASE_URL")
        return
    if pending:
        yield _fail(
            step,
            f"{len(pending)} migrations not applied (first: {pending[0][0]}): run "
            "`manage.py migrate`",
        )
        return
    yield _ok(step, f"{connection.vendor}, every migration applied")


def check_site() -> Iterator[Result]:
    from wagtail.models import Locale, Site

    from pages.models import HelpCenterHomePage

    step = "site"
    fix = "run `manage.py setup_site`"
    try:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        languages = set(Locale.objects.values_list("language_code", flat=True))
        homes = set(HelpCenterHomePage.objects.values_list("locale__language_code", flat=True))
    except Exception as error:
        yield _fail(
            step, f"cannot read the pages ({type(error).__name__}): run `manage.py migrate`"
        )
        return
    if site is None or not isinstance(site.root_page.specific, HelpCenterHomePage):
        yield _fail(step, f"the default site does not serve a help center home page: {fix}")
        return
    wanted = [code for code, _name in settings.LANGUAGES]
    missing = [code for code in wanted if code not in languages or code not in homes]
    if missing:
        yield _fail(step, f"no language or home page for {', '.join(missing)}: {fix}")
        return
    yield _ok(step, f"home page in {len(wanted)} languages at {site.hostname}:{site.port}")


def check_translations() -> Iterator[Result]:
    step = "translations"
    missing = []
    for po_path in catalog_paths():
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            missing.append(po_path)
    if missing:
        first = missing[0]
        if first.is_relative_to(settings.BASE_DIR):
            first = first.relative_to(settings.BASE_DIR)
        yield _fail(
            step,
            f"{len(missing)} catalogues not compiled or older than their .po (first: {first}): "
            "run `manage.py compile_translations` (pages would show English labels)",
        )
        return
    yield _ok(step, f"{len(catalog_paths())} catalogues compiled")


def check_static_files() -> Iterator[Result]:
    step = "static files"
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        yield _ok(step, "no manifest storage configured")
        return
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    if not manifest.exists():
        yield _fail(
            step,
            f"no {manifest}: run `manage.py collectstatic --noinput` (without the manifest every "
            "page answers 500)",
        )
        return
    yield _ok(step, f"manifest {manifest}")


def check_search() -> Iterator[Result]:
    step = "search"
    if not settings.SEARCH_URL:
        yield _ok(step, "SEARCH_URL unset: the database search backend serves alone")
        return
    from search.elastic import client

    health = client.cluster_health()
    if health is None:
        yield _fail(step, "Elasticsearch does not answer at SEARCH_URL: start it or fix the URL")
        return
    es = client.client().options(request_timeout=5)
    missing = [
        code
        for code, _name in settings.LANGUAGES
        if not es.indices.exists_alias(name=client.alias_name(code))
    ]
    if missing:
        yield _fail(
            step,
            f"no index for {', '.join(missing)} ({client.alias_name(missing[0])}): run "
            "`manage.py update_index`",
        )
        return
    if health["status"] == "red":
        yield _fail(step, "the cluster is red: some primary shards are unassigned")
        return
    yield _ok(
        step,
        f"{len(settings.LANGUAGES)} aliases; cluster {health['status']} on "
        f"{health['number_of_nodes']} node(s)",
    )


def check_helpdesk() -> Iterator[Result]:
    step = "help desk"
    if not settings.HELPDESK_URL:
        yield _fail(
            step,
            "HELPDESK_URL is unset: tickets would only wait in the admin's outbox; set it to the "
            "help desk's ticket endpoint",
        )
        return
    url = urllib.parse.urlsplit(settings.HELPDESK_URL)
    if url.scheme not in {"http", "https"} or not url.hostname:
        yield _fail(step, f"HELPDESK_URL is not an http(s) URL: {settings.HELPDESK_URL}")
        return
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        socket.create_connection((url.hostname, port), timeout=3).close()
    except OSError as error:
        yield _fail(step, f"cannot connect to {url.hostname}:{port} ({error.strerror or error})")
        return
    yield _ok(step, f"{url.scheme}://{url.hostname}:{port} accepts connections")


def check_workers() -> Iterator[Result]:
    """The help-desk worker beats a heartbeat (forms.delivery); the worker of the side work of a
    publish leaves no task waiting for long."""
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    from forms.delivery import delivery_health

    step = "workers"
    try:
        health = delivery_health()
    except Exception as error:
        yield _fail(
            step, f"cannot read the outbox ({type(error).__name__}): run `manage.py migrate`"
        )
        return
    if health["worker_expected"]:
        age = health["heartbeat_age_seconds"]
        if age is None or age > settings.HELPDESK_WORKER_STALE_SECONDS:
            yield _fail(
                step,
                "no help-desk worker has beaten a heartbeat"
                + ("" if age is None else f" for {age:.0f} s")
                + ": start `manage.py helpdesk_worker` (helpcenter-worker.service)",
            )
    cutoff = timezone.now() - timedelta(minutes=5)
    waiting = (
        DBTaskResult.objects.ready()
        .filter(backend_name="default")
        .filter(Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff))
    )
    if waiting.exists():
        yield _fail(
            step,
            f"{waiting.count()} background tasks have waited over 5 minutes: start `manage.py "
            "db_worker --queue-name default,after-publish` (helpcenter-tasks.service)",
        )
    yield _ok(
        step,
        f"help-desk heartbeat {health['heartbeat_age_seconds']} s ago, "
        f"{health['pending']} tickets pending",
    )


def check_redis() -> Iterator[Result]:
    step = "redis"
    if not settings.REDIS_URL:
        yield _fail(
            step,
            "REDIS_URL is unset: each gunicorn worker would count rate limits alone; set it",
        )
        return
    try:
        caches["ratelimit"].set("deploy-check", "1", 5)
    except Exception as error:
        yield _fail(step, f"Redis does not answer at REDIS_URL ({type(error).__name__})")
        return
    yield _ok(step, "answers")


def check_media() -> Iterator[Result]:
    step = "media"
    media = Path(settings.MEDIA_ROOT)
    try:
        media.mkdir(parents=True, exist_ok=True)
        probe = media / ".deploy-check"
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        yield _fail(step, f"cannot write to MEDIA_ROOT {media} ({error.strerror or error})")
        return
    yield _ok(step, f"{media} writable")


def check_admin_user() -> Iterator[Result]:
    step = "first admin"
    try:
        found = get_user_model().objects.filter(is_superuser=True, is_active=True).exists()
    except Exception as error:
        yield _fail(
            step, f"cannot read the users ({type(error).__name__}): run `manage.py migrate`"
        )
        return
    if not found:
        yield _fail(
            step,
            "no active superuser: run `manage.py createsuperuser` (non-interactive: "
            "DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_EMAIL, DJANGO_SUPERUSER_PASSWORD and "
            "--noinput)",
        )
        return
    yield _ok(step, "a superuser exists")


CHECKS: list[Callable[[], Iterator[Result]]] = [
    check_settings,
    check_database,
    check_site,
    check_translations,
    check_static_files,
    check_search,
    check_helpdesk,
    check_workers,
    check_redis,
    check_media,
    check_admin_user,
]


def run_checks(checks=None) -> list[Result]:
    """Every check's failures, or its success line, in deploy order; a check that raises is one
    failure naming the exception."""
    results: list[Result] = []
    for check in checks or CHECKS:
        try:
            found = list(check())
        except Exception as error:
            name = check.__name__.removeprefix("check_").replace("_", " ")
            found = [_fail(name, f"the check failed: {type(error).__name__}: {error}")]
        failures = [result for result in found if not result.ok]
        results.extend(failures or found)
    return results
