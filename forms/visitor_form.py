"""The Django form a visitor fills in, built from a contact form page's blocks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from babel import Locale as BabelLocale
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import get_language, gettext_lazy, to_locale
from django.utils.translation import gettext as _

from .definition import Step

HONEYPOT = "website_url"  # humans never see it (hidden by CSS and aria-hidden); bots fill it in


def country_choices() -> list[tuple[str, str]]:
    """Countries (ISO 3166 alpha-2) named in the active language, sorted by name."""
    try:
        names = BabelLocale.parse(to_locale(get_language() or "en")).territories
    except (ValueError, TypeError):
        names = BabelLocale.parse("en").territories
    countries = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    return sorted(countries, key=lambda item: item[1])


class LimitedFileField(forms.FileField):
    def __init__(self, *, extensions: list[str], max_bytes: int, **kwargs):
        self.extensions = extensions
        self.max_bytes = max_bytes
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(f".{ext}" for ext in extensions)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        extension = Path(upload.name).suffix.lower().lstrip(".")
        if extension not in self.extensions:
            raise ValidationError(
                _("Files of this type are not accepted. Allowed types: %(types)s.")
                % {"types": ", ".join(self.extensions)}
            )
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("This file is too large (%(size)s MB). The limit is %(limit)s MB.")
                % {
                    "size": f"{upload.size / 1024 / 1024:.1f}",
                    "limit": self.max_bytes // (1024 * 1024),
                }
            )
        return upload


class Dropdown(forms.Select):
    """A drop-down whose options are written here, not by a template each: Django includes two
    templates per option, and the 250 options of a country field took most of a contact form's
    rendering. (No option groups: the form's drop-downs have none.)"""

    template_name = "forms/widgets/dropdown.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    " selected" if option["selected"] else "",
                    option["label"],
                )
                for _group, options, _index in context["widget"]["optgroups"]
                for option in options
            ),
        )
        return context


def _form_field(kind: str, value) -> forms.Field:
    common = {"required": False, "label": value["label"], "help_text": value["help_text"]}
    if kind == "short_text":
        return forms.CharField(max_length=value["max_length"], **common)
    if kind == "long_text":
        return forms.CharField(
            max_length=value["max_length"], widget=forms.Textarea(attrs={"rows": 5}), **common
        )
    if kind == "email":
        return forms.EmailField(max_length=254, **common)
    if kind == "number":
        return forms.DecimalField(
            min_value=value["min_value"],
            max_value=value["max_value"],
            max_digits=20,
            widget=forms.NumberInput(attrs={"step": "any"}),
            **common,
        )
    if kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == "single_choice":
        choices = [(c["value"], c["label"]) for c in value["choices"]]
        if value["widget"] == "dropdown":
            return forms.ChoiceField(choices=[("", "—")] + choices, widget=Dropdown, **common)
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == "multiple_choice":
        return forms.MultipleChoiceField(
            choices=[(c["value"], c["label"]) for c in value["choices"]],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == "yes_no":
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    if kind == "url":
        return forms.URLField(max_length=500, assume_scheme="https", **common)
    if kind == "file":
        extensions = [e.strip() for e in value["extensions"].split(",") if e.strip()]
        return LimitedFileField(
            extensions=extensions, max_bytes=value["max_size_mb"] * 1024 * 1024, **common
        )
    if kind == "country":
        return forms.ChoiceField(choices=[("", "—")] + country_choices(), widget=Dropdown, **common)
    raise ValueError(f"unknown field kind {kind!r}")


class VisitorForm(forms.Form):
    required_css_class = "is-required"

    def __init__(self, steps: list[Step], *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.kinds: dict[str, str] = {}
        for step in steps:
            for item in step.fields:
                self.fields[item.name] = _form_field(item.kind, item.value)
                self.kinds[item.name] = item.kind
        self.fields[HONEYPOT] = forms.CharField(
            required=False,
            label=gettext_lazy("Leave this empty"),
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def raw_answers(self) -> dict[str, object]:
        """What was posted, as the condition engine reads it (before any validation)."""
        answers: dict[str, object] = {}
        for name, kind in self.kinds.items():
            if kind == "multiple_choice":
                answers[name] = self.data.getlist(name)
            elif kind == "file":
                upload = self.files.get(name)
                answers[name] = upload.name if upload else ""
            else:
                answers[name] = self.data.get(name, "")
        return answers

    def keep_only(self, visible: list[str], required: list[str]) -> None:
        """Drop the fields the visitor's answers hide; require those the answers require."""
        for name in list(self.kinds):
            if name not in visible:
                del self.fields[name]
            elif name in required:
                self.fields[name].required = True


def answer_text(value) -> str:
    """A cleaned value as text for the ticket."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "size"):
        return value.name
    return str(value)
