"""What kind of help page an event is about, and its topic, read from the page alone (no query)."""

PAGE_TYPES = {"helpcenterhomepage": "home", "topicpage": "topic"}


def page_type_of(page) -> str:
    kind = getattr(page, "kind", None)
    if kind in {"article", "tutorial"}:
        return kind
    return PAGE_TYPES.get(type(page).__name__.lower(), "other")


def topic_of(page, page_type: str) -> str | None:
    """The topic's slug, read from the page's URL path (no query)."""
    segments = [segment for segment in page.url_path.split("/") if segment]
    if page_type == "topic":
        return page.slug
    if page_type in {"article", "tutorial"} and len(segments) >= 2:
        return segments[-2]
    return None
