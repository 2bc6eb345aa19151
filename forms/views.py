"""Serving a contact form: render, re-evaluate every condition on submit, save, confirm.

`ContactFormPage.serve` delegates here; this module never imports `forms.models` (it works on the
page it is given and writes through `forms.submissions`), so the page model can import it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from geo import limits, resolve

from . import conditions, describe, throttle
from .attachments import signed_url
from .signals import form_submitted
from .submissions import OutboxEntry, Submission, SubmissionFile
from .tasks import enqueue_delivery
from .visitor_form import HONEYPOT, VisitorForm, answer_text, country_choices

logger = logging.getLogger(__name__)
SESSION_REFERENCES = "forms_references"


def _context(page, request, form, steps, **extra) -> dict:
    labels, choices = describe.labels_and_choices(steps)
    layout = []
    for number, step in enumerate(steps, start=1):
        items = []
        for item in step.items:
            entry = {"item": item}
            if item.is_field:
                entry["field"] = form[item.name] if item.name in form.fields else None
                entry["only_if"] = describe.only_if(item.conditions, labels, choices)
                entry["required_if"] = describe.required_if(
                    item.value["require_if"], labels, choices
                )
                entry["show_if"] = item.conditions
                entry["require_if"] = item.value["require_if"]
            elif item.kind == "section":
                entry["only_if"] = describe.only_if(item.conditions, labels, choices)
                entry["show_if"] = item.conditions
            items.append(entry)
        layout.append(
            {
                "step": step,
                "number": number,
                "items": items,
                "branch_notes": describe.branch_notes(step, steps, labels, choices),
            }
        )
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "layout": layout,
            "step_count": len(steps),
            "engine_json": page.engine_json(),
            "honeypot": form[HONEYPOT],
            "referrer": request.POST.get("context_referrer")
            if request.method == "POST"
            else request.META.get("HTTP_REFERER", ""),
            "sections_json": {
                item.block_id: item.conditions
                for step in steps
                for item in step.items
                if item.kind == "section"
            },
        }
    )
    context.update(extra)
    return context


def _render(page, request, context, status=200):
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _initial(request) -> dict:
    geo = resolve.current(request)
    return {"country": getattr(geo, "country", "") or ""}


def serve_contact_form(page, request):
    steps = page.steps()
    if request.method == "POST":
        return _submit(page, request, steps)
    reference = request.GET.get("sent", "")
    if reference and reference in request.session.get(SESSION_REFERENCES, []):
        context = page.get_context(request)
        context["reference"] = reference
        return _render(page, request, context)
    request.session.setdefault(SESSION_REFERENCES, [])  # a session, for the per-session limit
    form = VisitorForm(steps, initial=_initial(request))
    for item in (i for s in steps for i in s.fields if i.kind == "country"):
        form.fields[item.name].initial = _initial(request)["country"]
    return _render(page, request, _context(page, request, form, steps))


def _submit(page, request, steps):
    form = VisitorForm(steps, request.POST, request.FILES)
    wait = throttle.blocked(request)
    if wait:
        return _too_many(page, request, form, steps, wait)
    if request.POST.get(HONEYPOT):
        throttle.refused(request)
        context = _context(page, request, form, steps)
        context["notice"] = _("Your message could not be sent. Please try again.")
        return _render(page, request, context, status=400)

    resolved = conditions.resolve(page.engine_json(), form.raw_answers())
    form.keep_only(resolved["visible"], resolved["required"])
    if not form.is_valid():
        throttle.refused(request)
        # Show every field again (the visitor may change a branch), with the errors found.
        display = VisitorForm(steps, request.POST, request.FILES)
        display._errors = form.errors
        for name in resolved["required"]:
            display.fields[name].required = True
        context = _context(page, request, display, steps)
        context["notice"] = _("Please correct the answers marked below.")
        return _render(page, request, context, status=400)

    wait = throttle.accept(request)
    if wait:
        return _too_many(page, request, form, steps, wait)
    submission = _save(page, request, steps, form, resolved)
    references = request.session.get(SESSION_REFERENCES, [])[-19:] + [submission.reference]
    request.session[SESSION_REFERENCES] = references
    return HttpResponseRedirect(f"{page.get_url(request)}?sent={submission.reference}", status=303)


def _too_many(page, request, form, steps, wait: int):
    context = _context(page, request, form, steps)
    context["notice"] = _(
        "You have sent several forms in a short time. Please wait a few minutes and try again."
    )
    return limits.retry_after(_render(page, request, context, status=429), wait)


def _answers(page, request, steps, form, resolved) -> list[dict]:
    """Answers of the shown fields, labelled in the source language for agents."""
    source_labels, source_choices = {}, {}
    with translation.override(settings.LANGUAGE_CODE):
        source_labels, source_choices = describe.labels_and_choices(page.source_page().steps())
    answers = []
    for name in resolved["visible"]:
        value = form.cleaned_data.get(name)
        text = answer_text(value)
        if not text:
            continue
        choice_labels = source_choices.get(name, {})
        if isinstance(value, list):
            display = ", ".join(choice_labels.get(v, v) for v in value)
        else:
            display = choice_labels.get(text, text)
        if form.kinds.get(name) == "country":
            display = dict(_english_countries()).get(text, text)
        answers.append(
            {
                "name": name,
                "label": source_labels.get(name, form.fields[name].label),
                "value": value if isinstance(value, list) else text,
                "display": display,
            }
        )
    for step in steps:
        for item in step.items:
            if item.kind == "hidden_context":
                if item.value["source"] == "locale":
                    text = translation.get_language()
                else:
                    text = str(request.POST.get("context_referrer", ""))[:500]
                answers.append(
                    {"name": item.name, "label": item.name, "value": text, "display": text}
                )
    return answers


def _english_countries():
    with translation.override("en"):
        return country_choices()


def _save(page, request, steps, form, resolved) -> Submission:
    geo = resolve.current(request)
    language = translation.get_language()
    answers = _answers(page, request, steps, form, resolved)
    with transaction.atomic():
        submission = Submission.objects.create(
            page=page,
            form_title=page.source_page().title,
            locale=language,
            country=(getattr(geo, "country", "") or "")[:2],
            region=(getattr(geo, "region", "") or "")[:64],
            branch=resolved["branch"],
            queue=resolved["queue"],
            priority=resolved["priority"],
            answers=answers,
        )
        attachments = []
        for name in resolved["visible"]:
            upload = form.cleaned_data.get(name)
            if form.kinds.get(name) == "file" and upload:
                stored = SubmissionFile.objects.create(
                    submission=submission,
                    field_name=name,
                    file=upload,
                    original_name=upload.name[:255],
                    size=upload.size,
                    content_type=(upload.content_type or "")[:100],
                )
                attachments.append(
                    {
                        "field": name,
                        "name": stored.original_name,
                        "size": stored.size,
                        "content_type": stored.content_type,
                        "url": signed_url(stored.pk, request.build_absolute_uri("/")),
                    }
                )
        entry = OutboxEntry(submission=submission, payload={})
        entry.payload = {
            "schema": "helpcenter.ticket/1",
            "idempotency_key": str(entry.idempotency_key),
            "reference": submission.reference,
            "submitted_at": submission.created_at.isoformat(),
            "form": {"id": page.id, "slug": page.slug, "title": submission.form_title},
            "locale": language,
            "country": submission.country,
            "region": submission.region,
            "branch": submission.branch,
            "queue": submission.queue,
            "priority": submission.priority,
            "answers": answers,
            "attachments": attachments,
        }
        entry.save()
        transaction.on_commit(lambda: enqueue_delivery(entry.pk))
        transaction.on_commit(
            lambda: form_submitted.send_robust(
                sender=type(page),
                request=request,
                form_page=page,
                locale=language,
                branch=submission.branch,
                priority=submission.priority,
                reference=submission.reference,
            )
        )
    return submission
