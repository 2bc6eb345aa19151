"""The snippets app's models (each kind of snippet lives in its own module)."""

from .guides import EditorGuide  # noqa: F401
from .region_snippets import LogoVariant, Region, Theme  # noqa: F401
