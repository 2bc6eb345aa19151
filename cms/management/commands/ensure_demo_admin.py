import secrets

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.demo import editorial_users


class Command(BaseCommand):
    help = "Creates (or resets) the local demo superuser and prints its login. Development only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        # Wagtail's account page requires a name: without one, saving the admin language fails.
        user.first_name = user.first_name or "Demo"
        user.last_name = user.last_name or "Administrator"
        user.set_password(password)
        user.save()
        # A demo login locked out by earlier typos works again with its new password.
        AccessAttempt.objects.filter(username=username).delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: http://127.0.0.1:8000/admin/  user: {username}  password: {password}"
            )
        )
        self.print_role_users()

    def print_role_users(self) -> None:
        """The demo editor, reviewers and translator that seed_demo made from users.json."""
        groups = {spec["username"]: spec["group"] for spec in editorial_users.load_users()}
        for user in get_user_model().objects.filter(username__in=groups):
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            AccessAttempt.objects.filter(username=user.username).delete()
            self.stdout.write(
                f"  {groups[user.username]}: user: {user.username}  password: {password}"
            )
