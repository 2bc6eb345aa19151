"""Two-factor for staff (django-otp): who must enrol, enrolment, verification with the app or a
recovery code (once), the pages in RTL languages; off in test settings unless a test turns it on."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from .editorial import arabic_reviewer, assert_denied, editor, make_user, reviewer

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
required = override_settings(STAFF_2FA_REQUIRED=True, STAFF_2FA_REQUIRED_FOR=["publish", "users"])

ENROL = "/admin/two-factor/enrol/"
VERIFY = "/admin/two-factor/verify/"
MANAGE = "/admin/two-factor/"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def signed_in_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    """A confirmed app device and recovery codes, as enrolment leaves them."""
    from cms.accounts import devices

    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, devices.new_recovery_codes(user)


@required
def test_a_publisher_without_a_second_factor_is_sent_to_enrolment():
    client = signed_in_as(reviewer())
    for url in ("/admin/", "/admin/pages/", "/admin/account/", "/admin/localize/"):
        answer = client.get(url)
        assert answer.status_code == 302, url
        assert answer.url.startswith(ENROL + "?next="), url


@required
def test_enrolment_then_the_admin():
    user = arabic_reviewer()
    client = signed_in_as(user)
    page = client.get(f"{ENROL}?next=/admin/pages/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post(ENROL, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second, doubling each time
    done = client.post(ENROL, {"code": current_code(device), "next": "/admin/pages/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert 'href="/admin/pages/"' in done.content.decode()
    assert ModelLogEntry.objects.filter(
        action="accounts.second_factor_enrolled", object_id=str(user.pk)
    ).exists()
    assert client.get("/admin/").status_code == 200


@required
def test_a_publisher_with_a_device_verifies_once_per_session():
    user = reviewer()
    device, _codes = enrolled(user)
    client = signed_in_as(user)
    sent = client.get("/admin/pages/")
    assert sent.status_code == 302
    assert sent.url == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    assert client.get(ENROL).url.startswith(VERIFY)  # no second enrolment around the device
    assert client.post(VERIFY, {"code": "123456"}).status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()  # the wrong code made the next try wait a second
    verified = client.post(VERIFY, {"code": current_code(device), "next": "/admin/pages/"})
    assert verified.status_code == 302
    assert verified.url == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


@required
def test_verification_never_redirects_off_site():
    user = reviewer()
    device, _codes = enrolled(user)
    client = signed_in_as(user)
    answer = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})
    assert answer.url == "/admin/"


@required
def test_a_recovery_code_works_once():
    user = reviewer()
    _device, codes = enrolled(user)
    first = signed_in_as(user)
    assert first.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert first.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    again = signed_in_as(user)
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert again.get("/admin/").status_code == 302
    assert ModelLogEntry.objects.filter(action="accounts.recovery_code_used").count() == 1


@required
def test_an_editor_without_publish_permission_needs_no_second_factor():
    client = signed_in_as(editor())
    assert client.get("/admin/").status_code == 200
    assert client.get(MANAGE).status_code == 200


@required
def test_an_editor_who_enrolled_must_verify_too():
    user = editor()
    enrolled(user)
    assert signed_in_as(user).get("/admin/").url.startswith(VERIFY)


@required
def test_whoever_may_manage_users_needs_a_second_factor():
    user = editor()
    user.user_permissions.add(Permission.objects.get(codename="change_user"))
    assert signed_in_as(user).get("/admin/").url.startswith(ENROL)
    assert signed_in_as(make_user(superuser=True)).get("/admin/").url.startswith(ENROL)


@override_settings(STAFF_2FA_REQUIRED=True, STAFF_2FA_REQUIRED_FOR=["all"])
def test_required_for_all_covers_editors():
    assert signed_in_as(editor()).get("/admin/").url.startswith(ENROL)


def test_off_in_the_test_and_dev_settings():
    assert signed_in_as(reviewer()).get("/admin/").status_code == 200


@required
def test_new_recovery_codes_replace_the_old_ones_and_a_required_user_cannot_turn_it_off():
    user = reviewer()
    device, codes = enrolled(user)
    client = signed_in_as(user)
    client.post(VERIFY, {"code": current_code(device)})
    fresh = client.post(MANAGE, {"action": "recovery_codes"})
    assert fresh.status_code == 200
    new_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", fresh.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    assert client.post(MANAGE, {"action": "remove"}).status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()


@required
def test_an_optional_user_may_turn_it_off():
    user = editor()
    device, _codes = enrolled(user)
    client = signed_in_as(user)
    client.post(VERIFY, {"code": current_code(device)})
    assert client.post(MANAGE, {"action": "remove"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()


@required
@pytest.mark.parametrize("language", ["ar", "he", "ru"])
def test_the_pages_are_translated_and_rtl_where_the_language_is(language):
    user = make_user("Reviewers", language=language)
    client = signed_in_as(user)
    enrol_page = client.get(ENROL).content.decode()
    assert ('dir="rtl"' in enrol_page) == (language in {"ar", "he"})
    assert "Set up two-factor authentication" not in enrol_page
    assert "Scan this QR code" not in enrol_page
    enrolled(user)
    verify_page = signed_in_as(user).get(VERIFY).content.decode()
    assert "Enter your sign-in code" not in verify_page


@required
def test_a_superuser_resets_a_lost_second_factor_from_the_user_listing():
    user = reviewer()
    enrolled(user)
    superuser = make_user(superuser=True)
    device, _codes = enrolled(superuser)
    administrator = signed_in_as(superuser)
    administrator.post(VERIFY, {"code": current_code(device)})
    reset_url = f"/admin/two-factor/reset/{user.pk}/"
    assert reset_url in administrator.get("/admin/users/").content.decode()
    assert administrator.get(reset_url).status_code == 200
    assert administrator.post(reset_url).url == "/admin/users/"
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert ModelLogEntry.objects.filter(
        action="accounts.second_factor_reset", object_id=str(user.pk)
    ).exists()
    assert signed_in_as(user).get("/admin/").url.startswith(ENROL)


def test_only_superusers_reset_a_second_factor():
    user = editor()
    enrolled(user)
    staff = make_user("Editors")
    staff.user_permissions.add(Permission.objects.get(codename="change_user"))
    client = signed_in_as(staff)
    assert_denied(client.post(f"/admin/two-factor/reset/{user.pk}/"))
    assert TOTPDevice.objects.filter(user=user).exists()
    assert f"/admin/two-factor/reset/{user.pk}/" not in client.get("/admin/users/").content.decode()


def test_unknown_requirement_kinds_fail_the_system_check():
    from cms.accounts.checks import check_two_factor_settings

    with override_settings(STAFF_2FA_REQUIRED_FOR=["publish", "bogus"]):
        assert [error.id for error in check_two_factor_settings(None)] == ["accounts.E001"]
    assert check_two_factor_settings(None) == []


def test_required_by_default_in_production_and_switchable():
    def required_in_production(**env: str) -> str:
        code = "from django.conf import settings; print(settings.STAFF_2FA_REQUIRED)"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("STAFF_2FA")}
        environment |= {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "DJANGO_SECRET_KEY": "x7!Kq2-production-like-secret-key-with-50-plus-characters-9z",
        } | env
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]  # after what the shell prints on start

    assert required_in_production() == "True"
    assert required_in_production(STAFF_2FA_REQUIRED="off") == "False"
