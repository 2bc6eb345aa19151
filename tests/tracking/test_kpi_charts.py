"""The KPI dashboard's charts: "No data yet" instead of an empty axis, and axis labels (dates in
any language) that never run into each other."""

import re

from django.utils import translation

from tracking import charts


def label_positions(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<text x="([\d.]+)"[^>]*data-chart-label', svg)]


def test_no_bars_or_only_zeros_say_no_data_yet():
    for items in ([], [("30/11/2026", 0), ("1/12/2026", 0)]):
        with translation.override("en"):  # whatever an earlier test left active
            svg = str(charts.bar_chart("Searches per day", items))
        assert 'data-chart-empty="true"' in svg and "No data yet" in svg
        assert "<rect" not in svg


def test_no_data_yet_in_the_admins_language():
    with translation.override("ar"):
        svg = str(charts.bar_chart("عمليات البحث", []))
    assert "No data yet" not in svg and 'data-chart-empty="true"' in svg


def test_a_month_of_dates_keeps_its_labels_apart():
    labels = [f"{day}/11/2026" for day in range(1, 31)]
    svg = str(
        charts.bar_chart("Searches per day", [(label, day) for day, label in enumerate(labels)])
    )
    positions = label_positions(svg)
    assert 2 <= len(positions) < 30  # thinned out, not dropped
    widest = max(len(label) for label in labels) * charts.GLYPH_WIDTH
    assert min(b - a for a, b in zip(positions, positions[1:], strict=False)) >= widest
    assert svg.count("<rect") == 30  # one bar per day, the zero day included


def test_a_week_shows_every_label():
    items = [(f"{day}/11", day) for day in range(1, 8)]
    assert len(label_positions(str(charts.bar_chart("Searches per day", items)))) == 7


def test_right_to_left_bars_start_on_the_right():
    items = [("Business Help", 1.0), ("Help Center", 0.5)]
    with translation.override("en"):
        left_to_right = label_positions(str(charts.bar_chart("Self-service", items, percent=True)))
    with translation.override("ar"):
        right_to_left = label_positions(
            str(charts.bar_chart("الخدمة الذاتية", items, percent=True))
        )
    assert left_to_right[0] < left_to_right[1]
    assert right_to_left == list(reversed(left_to_right))  # the first item is the rightmost
