"""Small bar charts rendered on the server as SVG (no chart library, no JavaScript).

Each chart is an image with a title and a description; the dashboard puts an accessible table
with the same numbers beside it. A chart with nothing to show (no bars, or every value zero)
says "No data yet" instead of an empty axis. Axis labels are spaced by their width, so long ones
(dates in any language) are thinned out rather than drawn over each other. In a right-to-left
language the bars run from the right (the first item rightmost), as the tables beside them read.
"""

import math

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext

WIDTH = 640
BAR_AREA = 180
LABEL_HEIGHT = 40
FONT_SIZE = 11
# A generous average glyph width at FONT_SIZE (wide scripts included), and the gap between labels.
GLYPH_WIDTH = 7.5
LABEL_GAP = 10


def label_step(labels: list[str], slot: float) -> int:
    """Show every n-th label so that labels `slot` apart never overlap."""
    widest = max((len(label) for label in labels), default=0) * GLYPH_WIDTH + LABEL_GAP
    return max(1, math.ceil(widest / slot)) if slot > 0 else 1


def _open_svg(title: str, height: int) -> SafeString:
    return format_html(
        '<svg class="tracking-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>",
        title,
        WIDTH,
        height,
        title,
    )


def _no_data(title: str, height: int) -> SafeString:
    text = gettext("No data yet")
    return mark_safe(
        str(_open_svg(title, height))
        + str(
            format_html(
                '<text x="{}" y="{}" font-size="16" text-anchor="middle" fill="currentColor" '
                'data-chart-empty="true">{}</text>',
                WIDTH // 2,
                height // 2,
                text,
            )
        )
        + "</svg>"
    )


def bar_chart(
    title: str, items: list[tuple[str, float]], *, percent: bool = False, rtl: bool | None = None
) -> SafeString:
    """Vertical bars, one per (label, value); values are counts or rates (0–1 when percent).
    `rtl` (default: the active language's direction) puts the first item on the right."""
    rtl = get_language_bidi() if rtl is None else rtl
    height = BAR_AREA + LABEL_HEIGHT + 20
    if not any(value for _label, value in items):
        return _no_data(title, height)
    count = max(len(items), 1)
    slot = WIDTH / count
    bar_width = max(2.0, slot * 0.7)
    peak = max([value for _label, value in items] + [1 if percent else 0]) or 1
    label_every = label_step([label for label, _value in items], slot)
    parts = [
        _open_svg(title, height),
        format_html(
            '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.4"/>',
            BAR_AREA + 10,
            WIDTH,
            BAR_AREA + 10,
        ),
    ]
    for index, (label, value) in enumerate(items):
        bar_height = BAR_AREA * (value / peak) if peak else 0
        place = count - 1 - index if rtl else index
        x = place * slot + (slot - bar_width) / 2
        y = BAR_AREA + 10 - bar_height
        shown = f"{value * 100:.0f}%" if percent else f"{value:g}"
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#2e6b9e">'
                "<title>{}: {}</title></rect>",
                f"{x:.1f}",
                f"{y:.1f}",
                f"{bar_width:.1f}",
                f"{bar_height:.1f}",
                label,
                shown,
            )
        )
        if index % label_every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="{}" text-anchor="middle" '
                    'fill="currentColor" data-chart-label="true">{}</text>',
                    f"{x + bar_width / 2:.1f}",
                    BAR_AREA + 28,
                    FONT_SIZE,
                    label,
                )
            )
        if count <= 16 and slot >= len(shown) * GLYPH_WIDTH:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" '
                    'fill="currentColor">{}</text>',
                    f"{x + bar_width / 2:.1f}",
                    f"{max(y - 4, 10):.1f}",
                    shown,
                )
            )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))
