"""Where the demo data files live, how they are read, and the error for breaking their rules.

Every file is UTF-8 JSON under `cms/demo/content/` (format: docs/demo-content-format.md).
"""

import json
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"


class DemoContentError(ValueError):
    """The demo content files break the rules of docs/demo-content-format.md."""


def read(name: str):
    """The parsed data file `name` (a path relative to the content folder)."""
    return json.loads((CONTENT_DIR / name).read_text(encoding="utf-8"))


def read_folder(name: str) -> list[tuple[str, object]]:
    """(file name, parsed data) of every `*.json` file of folder `name`, in file name order."""
    files = sorted((CONTENT_DIR / name).glob("*.json"))
    if not files:
        raise DemoContentError(f"no demo content in {CONTENT_DIR / name}")
    return [(path.name, json.loads(path.read_text(encoding="utf-8"))) for path in files]
