"""The cross-property KPIs: visitors who went from one web property to another, and who then
submitted a contact form there (e.g. from Business Help to a contact form on the Help Center).

One visitor is one random anonymous id (`EventRecord.visitor`), the same on every property only
when they consented there (`tracking.cross_property`); nothing else joins events, and nothing
personal is read. For an ordered pair of properties (from, to):

- visitors who moved = visitors with an event on `from` before an event on `to`
  (their first event on `from` is earlier than their last on `to`);
- visitors who then asked for help = visitors with an event on `from` before a
  "Contact Form Submitted" on `to`;
- contact rate = the second ÷ the first.

Events kept before events named their property (`web_property` empty) are left out.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Min

from .kpi import Period, events

CONTACT_EVENT = "Contact Form Submitted"


@dataclass(frozen=True)
class Journey:
    source: str  # the property's key
    target: str
    visitors: int
    contacting_visitors: int

    @property
    def contact_rate(self) -> float | None:
        return self.contacting_visitors / self.visitors if self.visitors else None


def _by_visitor(records, latest: bool) -> dict[str, dict[str, datetime]]:
    """visitor → property → their first (or latest) event's time there."""
    moment = Max("occurred_at") if latest else Min("occurred_at")
    rows = (
        records.exclude(visitor="")
        .exclude(web_property="")
        .values("visitor", "web_property")
        .annotate(moment=moment)
    )
    found: dict[str, dict[str, datetime]] = defaultdict(dict)
    for row in rows:
        found[row["visitor"]][row["web_property"]] = row["moment"]
    return found


def journeys(period: Period, locale: str = "", web_property: str = "") -> list[Journey]:
    """Every ordered pair of properties some visitor went between in the period (those from
    or to `web_property` when given), most visitors first."""
    records = events(period, locale)
    first_seen = _by_visitor(records, latest=False)
    last_seen = _by_visitor(records, latest=True)
    last_contact = _by_visitor(records.filter(event=CONTACT_EVENT), latest=True)
    moved: dict[tuple[str, str], int] = defaultdict(int)
    contacted: dict[tuple[str, str], int] = defaultdict(int)
    for visitor, firsts in first_seen.items():
        if len(last_seen[visitor]) < 2:
            continue  # seen on one property only
        for source, first in firsts.items():
            for target, last in last_seen[visitor].items():
                if target == source or first >= last:
                    continue
                moved[source, target] += 1
                contact = last_contact.get(visitor, {}).get(target)
                if contact is not None and first < contact:
                    contacted[source, target] += 1
    found = [
        Journey(source, target, count, contacted[source, target])
        for (source, target), count in moved.items()
        if not web_property or web_property in (source, target)
    ]
    return sorted(found, key=lambda j: (-j.visitors, j.source, j.target))
