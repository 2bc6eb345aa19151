"""Admin pages: the KPI dashboard (with delivery counters) and the tracking plan's documentation."""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts, delivery, kpi, plan

PERIODS = [
    (7, gettext_lazy("Last 7 days")),
    (30, gettext_lazy("Last 30 days")),
    (90, gettext_lazy("Last 90 days")),
]


class DashboardFilter(forms.Form):
    locale = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    days = forms.TypedChoiceField(
        label=gettext_lazy("Period"), choices=PERIODS, coerce=int, initial=30, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = [("", _("All languages"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]


def _language_names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def dashboard(request):
    form = DashboardFilter(request.GET or None)
    locale, days = "", 30
    if form.is_bound and form.is_valid():
        locale = form.cleaned_data["locale"] or ""
        days = form.cleaned_data["days"] or 30
    period = kpi.Period.last_days(days)
    summary = kpi.compute(period, locale)
    names = _language_names()
    rows = [
        {"locale": code, "name": names.get(code, code), "kpis": kpi.compute(period, code)}
        for code in (kpi.locales_with_data(period) if not locale else [locale])
    ]
    searches_daily = kpi.daily(period, "Search Performed", locale)
    contacts_daily = kpi.daily(period, "Contact Form Submitted", locale)
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
    context = {
        "page_title": _("KPI dashboard"),
        "header_title": _("KPI dashboard"),
        "header_icon": "list-ul",
        "form": form,
        "period_days": days,
        "summary": summary,
        "rows": rows,
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
        "editorial": kpi.editorial_counts(period),
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
