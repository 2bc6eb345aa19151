"""The Elasticsearch side of visitor search: one index per locale (behind an alias), analysed for
its language (search.analysis.index_analysis); a query only ever reads the index of the visitor's
locale. Rebuilds write a new index and then move the alias, so searches never see a half-built
index.

- `client`: where Elasticsearch is, how long a request may take, what the indices are called.
- `capabilities`: which synonyms mechanism the cluster supports (stock synonyms API or the
  test build's plugin).
- `indices`: each locale's index definition and lifecycle (create, documents, rebuild, alias).
- `synonyms`: the editors' synonym rules published (synonyms sets, or the plugin's rules index).
- `queries`: autocomplete and the results page's search.

`enabled()` tells whether Elasticsearch is configured at all.
"""

from django.conf import settings


def enabled() -> bool:
    """Elasticsearch is configured (SEARCH_URL set); otherwise the database answers alone."""
    return bool(getattr(settings, "SEARCH_URL", ""))
