"""Where the project's interface translations are: the .po catalogues of its own apps, which
`compile_translations` compiles and `deploy_check` checks are compiled."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def catalog_paths() -> list[Path]:
    """The .po files in the locale/ folder of each of the project's own apps."""
    base = Path(settings.BASE_DIR)
    app_paths = [Path(config.path) for config in apps.get_app_configs()]
    return sorted(
        path
        for app_path in app_paths
        if app_path.is_relative_to(base) and not app_path.is_relative_to(base / ".venv")
        for path in app_path.glob("locale/*/LC_MESSAGES/*.po")
    )
