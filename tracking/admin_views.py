"""Admin pages: the KPI dashboard (with delivery counters) and the tracking plan's documentation.

The dashboard's filters are query parameters (`locale`, `days`, `property`: a `WebProperty`'s
key, empty for all properties); a value outside their choices answers 400 with the filter form
and its errors, nothing computed.
"""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages.properties import WebProperty

from . import charts, delivery, journeys, kpi, plan

PERIODS = [
    (7, gettext_lazy("Last 7 days")),
    (30, gettext_lazy("Last 30 days")),
    (90, gettext_lazy("Last 90 days")),
]


# A refused value is not repeated back: it may be long or hostile.
NOT_LISTED = {"invalid_choice": gettext_lazy("Choose a value from this list.")}


class DashboardFilter(forms.Form):
    property = forms.ChoiceField(
        label=gettext_lazy("Web property"), required=False, error_messages=NOT_LISTED
    )
    locale = forms.ChoiceField(
        label=gettext_lazy("Language"), required=False, error_messages=NOT_LISTED
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        choices=PERIODS,
        coerce=int,
        initial=30,
        required=False,
        error_messages=NOT_LISTED,
    )

    def __init__(self, *args, property_names: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["property"].choices = [("", _("All properties"))] + list(property_names.items())
        self.fields["locale"].choices = [("", _("All languages"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]


def _language_names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def _property_names() -> dict[str, str]:
    """key → the site's name, for every `WebProperty` (the filter's choices)."""
    found = WebProperty.objects.select_related("site").order_by("site__site_name", "key")
    return {prop.key: prop.site.site_name or prop.key for prop in found}


def dashboard(request):
    property_names = _property_names()
    form = DashboardFilter(request.GET or None, property_names=property_names)
    if form.is_bound and not form.is_valid():
        context = {
            "page_title": _("KPI dashboard"),
            "header_title": _("KPI dashboard"),
            "header_icon": "list-ul",
            "form": form,
            "invalid": True,
        }
        return render(request, "tracking/admin/dashboard.html", context, status=400)
    web_property, locale, days = "", "", 30
    if form.is_bound:
        web_property = form.cleaned_data["property"] or ""
        locale = form.cleaned_data["locale"] or ""
        days = form.cleaned_data["days"] or 30
    period = kpi.Period.last_days(days)
    summary = kpi.compute(period, locale, web_property)
    names = _language_names()
    rows = [
        {
            "locale": code,
            "name": names.get(code, code),
            "kpis": kpi.compute(period, code, web_property),
        }
        for code in (kpi.locales_with_data(period) if not locale else [locale])
    ]
    property_rows = [
        {"key": key, "name": property_names.get(key, key), "kpis": kpi.compute(period, locale, key)}
        for key in (
            kpi.properties_with_data(period, locale) if not web_property else [web_property]
        )
    ]
    searches_daily = kpi.daily(period, "Search Performed", locale, web_property)
    contacts_daily = kpi.daily(period, "Contact Form Submitted", locale, web_property)
    daily_rows = [
        {"day": day, "searches": searches, "contacts": contacts}
        for (day, searches), (_day, contacts) in zip(searches_daily, contacts_daily, strict=True)
    ]
    short = [date_format(day, "SHORT_DATE_FORMAT") for day, _count in searches_daily]
    self_service = [
        (row["name"], row["kpis"].self_service_rate)
        for row in rows
        if row["kpis"].self_service_rate is not None
    ]
    property_self_service = [
        (row["name"], row["kpis"].self_service_rate)
        for row in property_rows
        if row["kpis"].self_service_rate is not None
    ]
    journey_rows = [
        {
            "source": property_names.get(journey.source, journey.source),
            "target": property_names.get(journey.target, journey.target),
            "journey": journey,
        }
        for journey in journeys.journeys(period, locale, web_property)
    ]
    context = {
        "page_title": _("KPI dashboard"),
        "header_title": _("KPI dashboard"),
        "header_icon": "list-ul",
        "form": form,
        "period_days": days,
        "property_name": property_names.get(web_property, "") if web_property else "",
        "summary": summary,
        "rows": rows,
        "property_rows": property_rows,
        "journey_rows": journey_rows,
        "property_self_service_chart": charts.bar_chart(
            _("Self-service rate by web property"), property_self_service, percent=True
        )
        if property_self_service
        else "",
        "daily_rows": daily_rows,
        "searches_chart": charts.bar_chart(
            _("Searches per day"), list(zip(short, [c for _d, c in searches_daily], strict=True))
        ),
        "contacts_chart": charts.bar_chart(
            _("Contact-form submissions per day"),
            list(zip(short, [c for _d, c in contacts_daily], strict=True)),
        ),
        "self_service_chart": charts.bar_chart(
            _("Self-service rate by language"), self_service, percent=True
        )
        if self_service
        else "",
        "editorial": kpi.editorial_counts(period, web_property),
        "counters": delivery.counters.snapshot(),
        "delivery_status": delivery.health(),
        "segment_enabled": delivery.enabled(),
    }
    return render(request, "tracking/admin/dashboard.html", context)


def tracking_plan(request):
    events = sorted(plan.events().values(), key=lambda spec: (spec.category, spec.name))
    context = {
        "page_title": _("Tracking plan"),
        "header_title": _("Tracking plan"),
        "header_icon": "doc-full",
        "plan_version": plan.plan_version(),
        "events": events,
        "context_schema": plan.context_schema(),
    }
    return render(request, "tracking/admin/plan.html", context)
