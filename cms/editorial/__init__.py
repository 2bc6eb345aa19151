"""The editorial features: roles scoped to a locale, the review workflow, translation review,
content health and machine translation. `cms` around it holds only the project's wiring."""
