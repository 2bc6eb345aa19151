"""Admin wiring of the snippets app: each feature registers its snippets, menus and views in its
own `admin` module."""

from .editor_guide import admin as editor_guide_admin  # noqa: F401
from .regions import admin as regions_admin  # noqa: F401
