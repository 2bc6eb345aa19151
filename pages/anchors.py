"""The `id` anchors of an article's places, shared by the rendered page and search's passages
(a direct answer links to the place it quotes). Anchors come from the StreamField blocks' ids,
so they survive edits of other blocks: a callout or a tutorial step is `b-<block id>`; the n-th
paragraph (or list item, h3, h4) of a text block and the n-th item of a step list are
`b-<block id>-<n>`, n counted from 1 in the order of `PARAGRAPH`'s matches."""

import re

from django.utils.html import escape

PARAGRAPH = re.compile(r"<(?:p|li|h3|h4)\b[^>]*>(.*?)</(?:p|li|h3|h4)>", re.S)
_OPENING_TAG = re.compile(r"^<(p|li|h3|h4)\b")


def anchor(block_id: str, number: int | None = None) -> str:
    return f"b-{block_id}" if number is None else f"b-{block_id}-{number}"


def with_anchors(html: str, block_id: str) -> str:
    """`html` (a rich text block's rendering) with each of PARAGRAPH's matches given its anchor
    as `id` (an element that already has an id keeps it)."""
    counter = iter(range(1, 1_000_000))

    def add_id(match: re.Match) -> str:
        whole = match.group(0)
        number = next(counter)
        opening = whole[: whole.index(">") + 1]
        if re.search(r"\sid=", opening):
            return whole
        return _OPENING_TAG.sub(
            lambda tag: f'<{tag.group(1)} id="{escape(anchor(block_id, number))}"', whole, count=1
        )

    return PARAGRAPH.sub(add_id, html)
