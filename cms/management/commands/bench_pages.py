"""`make bench-pages`: how fast the public pages render, per page type and language."""

from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from cms.latency import measure


class Command(BaseCommand):
    help = "Measures page rendering (p50/p95/p99, pages per second) on the demo help center."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=200)

    def handle(self, *args, repeat: int, **options):
        client = Client()
        paths = {
            "home en": "/en/",
            "home ar": "/ar/",
            "topic ru": "/ru/boards-and-pins/",
            "article en": "/en/boards-and-pins/save-a-pin/",
            "article ar": "/ar/boards-and-pins/save-a-pin/",
            "article fr (alias)": "/fr/boards-and-pins/save-a-pin/",
            "tutorial ru": "/ru/boards-and-pins/create-a-board/",
            "search es": "/es/search/?q=tablero",
            "sitemap.xml": "/sitemap.xml",
        }
        for label, path in paths.items():
            status = client.get(path).status_code
            if status != 200:
                raise CommandError(f"{path} answered {status}: run `manage.py seed_demo` first")
            result = measure(label, lambda path=path: client.get(path), repeat=repeat)
            self.stdout.write(result.line())
