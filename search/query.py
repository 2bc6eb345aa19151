"""What a visitor asked the results page for, as both backends (search.elastic.queries and
search.database) receive it: the query text normalised (search.analysis.normalise), the locale,
the slice of results wanted and the filters."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchQuery:
    text: str
    language: str
    offset: int = 0
    size: int = 10
    topic: int | None = None  # only pages under this topic page (its id)
    audience: str = ""  # only pages for this audience (or for both)
    exclude_urls: tuple[str, ...] = ()  # already shown above the results (promotions)
