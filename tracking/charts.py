"""Small bar charts rendered on the server as SVG (no chart library, no JavaScript).

Each chart is an image with a title and a description; the dashboard puts an accessible table
with the same numbers beside it.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
BAR_AREA = 180
LABEL_HEIGHT = 40


def bar_chart(title: str, items: list[tuple[str, float]], *, percent: bool = False) -> SafeString:
    """Vertical bars, one per (label, value); values are counts or rates (0–1 when percent)."""
    count = max(len(items), 1)
    slot = WIDTH / count
    bar_width = max(2.0, slot * 0.7)
    peak = max([value for _label, value in items] + [1 if percent else 0]) or 1
    height = BAR_AREA + LABEL_HEIGHT + 20
    label_every = max(1, count // 12)
    parts = [
        format_html(
            '<svg class="tracking-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
            'width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
            "<title>{}</title>",
            title,
            WIDTH,
            height,
            title,
        ),
        format_html(
            '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.4"/>',
            BAR_AREA + 10,
            WIDTH,
            BAR_AREA + 10,
        ),
    ]
    for index, (label, value) in enumerate(items):
        bar_height = BAR_AREA * (value / peak) if peak else 0
        x = index * slot + (slot - bar_width) / 2
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
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" '
                    'fill="currentColor">{}</text>',
                    f"{x + bar_width / 2:.1f}",
                    BAR_AREA + 28,
                    label,
                )
            )
        if count <= 16:
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
