"""Sign-in lockout (django-axes): per account and per client address, proxy-aware, translated,
unlocked from the admin or by the cool-off; password reset does not tell which accounts exist."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client, override_settings
from wagtail.models import ModelLogEntry

from .editorial import assert_denied, editor, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LOCKOUTS = "/admin/locked-out-sign-ins/"


def sign_in(client: Client, username: str, password: str, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(client: Client, username: str, **headers) -> None:
    """Five wrong passwords in a row: the first four are ordinary failures, the fifth locks."""
    for _ in range(4):
        assert sign_in(client, username, "wrong", **headers).status_code == 200
    assert sign_in(client, username, "wrong", **headers).status_code == 429


def test_the_sixth_attempt_is_refused_even_with_the_right_password_until_unlocked():
    user = editor()
    visitor = Client()
    lock_out(visitor, user.username)
    refused = sign_in(visitor, user.username, "pw")
    assert refused.status_code == 429
    assert not signed_in(visitor)
    assert "Too many failed sign-in attempts" in refused.content.decode()
    assert user.username not in refused.content.decode()
    assert AccessFailureLog.objects.filter(username=user.username).count() == 6

    administrator = Client()
    administrator.force_login(make_user(superuser=True))
    listing = administrator.get(LOCKOUTS)
    assert listing.status_code == 200
    assert user.username in listing.content.decode()
    attempt = AccessAttempt.objects.get(username=user.username)
    unlocked = administrator.post(f"{LOCKOUTS}{attempt.pk}/unlock/")
    assert unlocked.status_code == 302
    assert ModelLogEntry.objects.filter(
        action="accounts.login_unlocked", object_id=str(user.pk)
    ).exists()

    assert sign_in(visitor, user.username, "pw").status_code == 302
    assert signed_in(visitor)


def test_the_lock_lifts_after_the_cool_off():
    user = editor()
    visitor = Client()
    lock_out(visitor, user.username)
    assert sign_in(visitor, user.username, "pw").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert sign_in(visitor, user.username, "pw").status_code == 302


def test_a_lock_holds_the_account_from_any_address():
    user = editor()
    lock_out(Client(REMOTE_ADDR="198.51.100.1"), user.username)
    elsewhere = Client(REMOTE_ADDR="198.51.100.2")
    assert sign_in(elsewhere, user.username, "pw").status_code == 429


def test_an_address_guessing_many_accounts_is_locked_out_of_all_of_them():
    user = editor()
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    for number in range(4):
        assert sign_in(guesser, f"nobody{number}", "wrong").status_code == 200
    assert sign_in(guesser, "nobody-else", "wrong").status_code == 429
    assert sign_in(guesser, user.username, "pw").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="198.51.100.8"), user.username, "pw").status_code == 302


@override_settings(GEO_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_lock_follows_the_address_the_proxy_saw_not_a_forged_one():
    user = editor()
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for number in range(5):
        forged = f"192.0.2.{number}, 203.0.113.9"  # the client forged the left entry
        sign_in(proxy, f"nobody{number}", "wrong", HTTP_X_FORWARDED_FOR=forged)
    assert AccessAttempt.objects.filter(ip_address="203.0.113.9").count() == 5
    escaped = sign_in(proxy, user.username, "pw", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9")
    assert escaped.status_code == 429
    other_client = sign_in(proxy, user.username, "pw", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other_client.status_code == 302


def test_without_trusted_proxies_x_forwarded_for_is_ignored():
    user = editor()
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    for number in range(5):
        sign_in(attacker, f"nobody{number}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.9"}
    assert (
        sign_in(attacker, user.username, "pw", HTTP_X_FORWARDED_FOR="192.0.2.200").status_code
        == 429
    )


def test_the_lockout_page_is_translated_and_right_to_left_in_arabic():
    user = editor()
    visitor = Client(HTTP_ACCEPT_LANGUAGE="ar")
    lock_out(visitor, user.username)
    page = sign_in(visitor, user.username, "pw")
    html = page.content.decode()
    assert page.status_code == 429
    assert 'dir="rtl"' in html
    assert "Too many failed sign-in attempts" not in html
    assert page["Retry-After"] == str(15 * 60)


def test_a_locked_out_ajax_sign_in_gets_json():
    user = editor()
    lock_out(Client(), user.username)
    answer = sign_in(Client(), user.username, "pw", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert answer.status_code == 429
    assert answer.json()["retry_after_minutes"] == 15


def test_only_superusers_and_holders_of_the_unlock_permission_see_the_lockouts():
    staff = Client()
    staff.force_login(editor())
    assert_denied(staff.get(LOCKOUTS))
    assert "locked-out-sign-ins" not in staff.get("/admin/").content.decode()
    attempt = AccessAttempt.objects.create(
        username="someone",
        ip_address="198.51.100.1",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/admin/login/",
        user_agent="",
    )
    assert_denied(staff.post(f"{LOCKOUTS}{attempt.pk}/unlock/"))
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_unlocking_a_record_that_is_gone_says_so():
    administrator = Client()
    administrator.force_login(make_user(superuser=True))
    answer = administrator.post(f"{LOCKOUTS}999999/unlock/", follow=True)
    assert answer.redirect_chain == [(LOCKOUTS, 302)]
    assert "already unlocked" in answer.content.decode()
    assert administrator.get(f"{LOCKOUTS}1/unlock/").status_code == 405


def test_password_reset_answers_the_same_for_known_and_unknown_addresses():
    user = editor()
    known = Client().post("/admin/password_reset/", {"email": user.email})
    unknown = Client().post("/admin/password_reset/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_a_successful_sign_in_clears_earlier_failures():
    user = editor()
    visitor = Client()
    for _ in range(4):
        sign_in(visitor, user.username, "wrong")
    assert sign_in(visitor, user.username, "pw").status_code == 302
    visitor.logout()
    for _ in range(4):
        assert sign_in(visitor, user.username, "wrong").status_code == 200


def test_signing_in_to_ones_own_account_does_not_clear_guesses_at_another():
    target, own = editor(), editor()
    attacker = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(4):
        assert sign_in(attacker, target.username, "wrong").status_code == 200
    assert sign_in(attacker, own.username, "pw").status_code == 302
    attacker.logout()
    assert sign_in(attacker, target.username, "wrong").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="198.51.100.21"), target.username, "pw").status_code == 429
