"""`manage.py export_tracking_plan [--output FILE] [--release]`: the whole tracking plan as one
JSON document (tracking.plan_release.document); `--release` writes it to
tracking/plan_releases/<version>.json, the version the next changes are checked against."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracking import plan_release


class Command(BaseCommand):
    help = "Writes the tracking plan (every event's schema and the shared context) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--release", action="store_true", help="keep it as the released version"
        )

    def handle(self, *args, output=None, release=False, **options):
        document = plan_release.document()
        released = plan_release.released_versions()
        if released:
            problems = plan_release.release_problems(plan_release.released(released[-1]), document)
            if problems and release:
                raise CommandError("\n".join(problems))
        text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        if release:
            output = str(plan_release.RELEASES_DIR / f"{document['version']}.json")
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Tracking plan {document['version']} written to {output}")
        else:
            self.stdout.write(text, ending="")
