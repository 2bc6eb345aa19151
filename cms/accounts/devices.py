"""A staff member's second-factor devices: one authenticator app (django-otp's TOTPDevice) and
one set of single-use recovery codes (StaticDevice). A code of digits is checked against the app,
anything else against the recovery codes, so a recovery code never counts as a failed app code;
each device throttles its own failures (django-otp's ThrottlingMixin)."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
CODE_MAX_LENGTH = 32


def pending_app_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator-app device being enrolled (made on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def secret_for_typing(device: TOTPDevice) -> str:
    """The device's key in base32, in groups of four, for apps that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalised(code: str) -> str:
    return "".join(code.split()).lower()[:CODE_MAX_LENGTH]


def confirm_app_device(device: TOTPDevice, code: str) -> bool:
    """Confirm the pending device when `code` is its current code; other pending ones go."""
    if not device.verify_token(normalised(code)):
        return False
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


@transaction.atomic
def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones, returned once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(user: AbstractBaseUser, code: str) -> Device | None:
    """The confirmed device that accepts `code` (a recovery code is used up), None if none."""
    code = normalised(code)
    if not code:
        return None
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def remove_all(user: AbstractBaseUser) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
