"""Admin wiring of the snippets app (each kind of snippet registers in its own module)."""

from . import guide_admin, region_admin  # noqa: F401
