"""The models of the snippets app, which holds two separate features: regions and themes
(`snippets.regions`) and the editor guide (`snippets.editor_guide`).

Both keep one Django app (app label "snippets": one migration history, the same tables), and
Django discovers an app's models by importing its `models` module: hence these imports.
"""

from .editor_guide.models import EditorGuide  # noqa: F401
from .regions.models import LogoVariant, Region, Theme  # noqa: F401
