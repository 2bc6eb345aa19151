"""The snippets app's models (each kind of snippet lives in its own module)."""

from .guides import EditorGuide  # noqa: F401
