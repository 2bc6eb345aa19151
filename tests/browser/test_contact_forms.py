"""The "account hacked" form in a real browser, in English and Arabic: branches appear and
disappear as the visitor answers, the steps work with the keyboard, and the reference shows."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

# django_db: the suite sets up (and seeds) the test database only for tests that declare it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TEXT = {
    "en": {"yes": "Yes", "title": "My account was hacked"},
    "ar": {"yes": "نعم", "title": "تم اختراق حسابي"},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _copy_of_the_test_database(tmp_dir: Path) -> tuple[str, bool]:
    """(DATABASE_URL, already seeded): a PostgreSQL copy of the seeded test database, or a new
    SQLite file to migrate and seed."""
    from django.db import connection, connections

    url = os.environ.get("DATABASE_URL", "").strip()
    if connection.vendor != "postgresql" or not url:
        return f"sqlite:///{tmp_dir / 'forms-browser.sqlite3'}", False
    import psycopg

    source = connection.settings_dict["NAME"]
    connections.close_all()
    parts = urlsplit(url)
    name = "helpcenter_forms_browser"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    return urlunsplit(parts._replace(path=f"/{name}")), True


@pytest.fixture(scope="module")
def form_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A running help center (runserver, its own database) with the demo contact forms."""
    tmp_dir = tmp_path_factory.mktemp("forms-site")
    with django_db_blocker.unblock():
        database_url, seeded = _copy_of_the_test_database(tmp_dir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "HELPDESK_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    if not seeded:
        for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "-v0"]):
            subprocess.run(manage + command, env=env, cwd=ROOT, check=True, timeout=900)
    port = _free_port()
    log_path = tmp_dir / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base_url}/healthz", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    raise RuntimeError("server did not start:\n" + log_path.read_text()) from None
                time.sleep(0.3)
        yield base_url
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def chromium():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def field(tab, name: str):
    return tab.locator(f'[data-field="{name}"]')


def current_step(tab):
    return tab.locator("[data-step]:visible")


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_account_hacked_form_branches_and_steps_with_the_keyboard(form_site, chromium, code):
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, locale=code)
    tab = context.new_page()
    try:
        tab.goto(f"{form_site}/{code}/hacked-accounts/account-hacked/")
        assert tab.get_by_role("heading", level=1).inner_text() == TEXT[code]["title"]
        assert tab.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
        # With JavaScript: one step at a time, follow-ups hidden, conditions not written out.
        assert tab.locator("[data-step]:visible").count() == 1
        assert field(tab, "lost_email").is_hidden()
        assert tab.locator(".form-field__condition:visible").count() == 0
        shot(tab, f"contact-form-{code}-1-start")

        tab.locator("#id_email").focus()
        tab.keyboard.type("pinner@example.com")
        tab.keyboard.press("Tab")
        tab.locator("#id_hacked_0").focus()  # "yes"
        tab.keyboard.press("Space")
        assert field(tab, "lost_email").is_visible()
        assert field(tab, "last_access").is_visible()
        assert field(tab, "other_problem").is_hidden()
        shot(tab, f"contact-form-{code}-2-yes")

        tab.keyboard.press("ArrowDown" if code == "en" else "ArrowDown")  # radio group: "no"
        assert tab.locator("#id_hacked_1").is_checked()
        assert field(tab, "lost_email").is_hidden()
        assert field(tab, "other_problem").is_visible()
        shot(tab, f"contact-form-{code}-3-no")

        tab.keyboard.press("ArrowUp")  # back to "yes"
        assert tab.locator("#id_hacked_0").is_checked()
        assert field(tab, "lost_email").is_visible()
        tab.locator("#id_lost_email_1").focus()  # "no"
        tab.keyboard.press("Space")
        assert field(tab, "contact_email").is_visible()

        # Next with an empty required field stays put and says why.
        tab.locator("#id_email").fill("")
        tab.locator("#id_email").focus()
        tab.keyboard.press("Enter")
        assert current_step(tab).get_attribute("data-step") == "about"
        assert field(tab, "email").locator("[data-client-error]").is_visible()
        tab.keyboard.type("pinner@example.com")
        tab.keyboard.press("Enter")  # Enter in a one-line field moves to the next step
        assert current_step(tab).get_attribute("data-step") == "damage"
        assert tab.evaluate("document.activeElement.tagName") == "LEGEND"

        tab.locator("#id_changes_2").focus()  # "ran ads"
        tab.keyboard.press("Space")
        assert field(tab, "ad_spend").is_visible()
        tab.locator("#id_ad_spend").focus()
        tab.keyboard.type("120")
        shot(tab, f"contact-form-{code}-4-damage")
        tab.keyboard.press("Enter")
        assert current_step(tab).get_attribute("data-step") == "details"
        tab.locator("#id_description").focus()
        tab.keyboard.type("They ran ads I did not create.")
        current_step(tab).locator("[data-next]").focus()
        tab.keyboard.press("Enter")

        summary = tab.locator("[data-summary]")
        assert summary.is_visible()
        text = summary.inner_text()
        assert "pinner@example.com" in text and "120" in text and TEXT[code]["yes"] in text
        shot(tab, f"contact-form-{code}-5-summary")
        tab.locator("[data-submit-row] button").focus()
        tab.keyboard.press("Enter")
        tab.wait_for_selector("[data-reference]")
        reference = tab.locator("[data-reference]").inner_text()
        assert re.fullmatch(r"HC-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", reference)
        shot(tab, f"contact-form-{code}-6-confirmation")
    finally:
        context.close()


def test_without_javascript_every_branch_is_shown_with_its_condition(form_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(f"{form_site}/en/hacked-accounts/account-hacked/")
        assert tab.locator("[data-step]:visible").count() == 3
        assert field(tab, "lost_email").is_visible() and field(tab, "other_problem").is_visible()
        assert tab.get_by_text(
            "Only if “Do you think someone else got into your account?”"
        ).first.is_visible()
        shot(tab, "contact-form-en-no-javascript")
        tab.fill("#id_email", "pinner@example.com")
        tab.check("#id_hacked_1")
        tab.fill("#id_other_problem", "My avatar is gone.")
        tab.locator("[data-submit-row] button").click()
        tab.wait_for_selector("[data-reference]")
        assert tab.locator("[data-reference]").inner_text().startswith("HC-")
    finally:
        context.close()
