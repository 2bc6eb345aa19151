"""The passages of a page that semantic search embeds and direct answers quote: title and
summary together, then each paragraph, step and callout of the body (a tutorial: each step), in
the page's own language, each with the anchor (an `id` in the rendered page) that leads to it.
The anchors and the rendered article's ids come from one place, `pages.anchors`."""

from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail.models import Page

from pages.anchors import PARAGRAPH, anchor

# Passages shorter than this (after stripping) are left out: a heading alone answers nothing.
MIN_PASSAGE_CHARS = 12


@dataclass(frozen=True)
class Passage:
    anchor: str  # "" for the title and summary
    text: str


def passages_of(page: Page) -> list[Passage]:
    summary = getattr(page, "summary", "") or getattr(page, "intro", "") or ""
    found = [Passage("", f"{page.title}. {summary}".strip())]
    for block in getattr(page, "body", None) or []:
        found += _of_block(block)
    for block in getattr(page, "steps", None) or []:
        value = block.value
        text = f"{value.get('title', '')}. {value.get('text', '')}"
        found.append(Passage(anchor(block.id), text))
    return [p for p in found if len(p.text.strip(" .")) >= MIN_PASSAGE_CHARS]


def _of_block(block) -> list[Passage]:
    kind, value = block.block_type, block.value
    if kind == "text":
        html = str(value.source if hasattr(value, "source") else value)
        parts = [_clean(part) for part in PARAGRAPH.findall(html)] or [_clean(html)]
        return [Passage(anchor(block.id, n), text) for n, text in enumerate(parts, 1) if text]
    if kind == "steps":
        return [Passage(anchor(block.id, n), _clean(item)) for n, item in enumerate(value, 1)]
    if kind == "callout":
        title = value.get("title") or ""
        return [Passage(anchor(block.id), f"{title}. {value['text']}" if title else value["text"])]
    return []


def _clean(html: str) -> str:
    return " ".join(strip_tags(str(html)).split())
