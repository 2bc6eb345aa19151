"""The form builder's StreamField blocks: field blocks, layout blocks, steps and routing rules.

wagtail-localize extracts CharBlock/TextBlock/RichTextBlock values for translation and copies
every other block from the source page. Machine names, conditions, file extensions and choice
values therefore use the FieldBlocks below (not CharBlock), so translators see labels, help texts
and choice labels, while names and logic stay synchronised with the source language.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import conditions
from .condition_widget import ConditionWidget

MACHINE_NAME = r"^[a-z][a-z0-9_]{0,49}$"
QUEUES = [
    ("general", _("General support")),
    ("security", _("Account security")),
    ("billing", _("Billing and payments")),
    ("ads", _("Ads")),
    ("bugs", _("Bugs")),
]
PRIORITIES = [("normal", _("Normal")), ("critical", _("Critical"))]


class MachineNameBlock(blocks.FieldBlock):
    """A stable identifier (`hacked`, `lost_email`): never translated, never shown to visitors."""

    def __init__(self, required: bool = True, help_text=None, **kwargs):
        self.field = forms.RegexField(
            regex=MACHINE_NAME,
            required=required,
            help_text=help_text,
            error_messages={
                "invalid": _(
                    "Use lowercase letters, digits and underscores, starting with a letter."
                )
            },
        )
        super().__init__(**kwargs)


class ExtensionsBlock(blocks.FieldBlock):
    """Allowed file extensions, comma separated (`pdf, png, jpg`)."""

    def __init__(self, required: bool = True, help_text=None, **kwargs):
        self.field = forms.RegexField(
            regex=r"^\s*[a-z0-9]{1,8}(\s*,\s*[a-z0-9]{1,8})*\s*$",
            required=required,
            help_text=help_text,
        )
        super().__init__(**kwargs)


class InvalidJSON(str):
    """Text typed into a condition box that is not JSON; `clean` reports it."""


class ConditionBlock(blocks.FieldBlock):
    """A condition in the engine's JSON (see docs/decisions/0003-condition-engine.md).

    Empty means "always"."""

    def __init__(self, required: bool = False, help_text=None, stream="form_fields", **kwargs):
        self.field = forms.CharField(
            required=required,
            help_text=help_text
            or _("Empty: always. “Show JSON” shows the condition as the engine stores it."),
            widget=ConditionWidget(stream=stream),
        )
        super().__init__(**kwargs)

    def value_for_form(self, value):
        if isinstance(value, InvalidJSON):
            return str(value)
        return json.dumps(value, ensure_ascii=False) if value else ""

    def value_from_form(self, value):
        if not value or not str(value).strip():
            return None
        try:
            return json.loads(value)
        except ValueError:
            return InvalidJSON(value)

    def clean(self, value):
        if isinstance(value, InvalidJSON):
            raise ValidationError(_("This is not valid JSON."))
        errors = conditions.shape_errors(value)
        if errors:
            raise ValidationError(errors[0])
        return value or None

    def get_prep_value(self, value):
        return None if isinstance(value, InvalidJSON) else (value or None)

    def to_python(self, value):
        return value or None

    def get_searchable_content(self, value):
        return []


class BaseFieldBlock(blocks.StructBlock):
    name = MachineNameBlock(
        label=_("Machine name"),
        help_text=_("Stable name used by conditions and the help desk, e.g. lost_email."),
    )
    label = blocks.CharBlock(max_length=200, label=_("Label"))
    help_text = blocks.CharBlock(max_length=300, required=False, label=_("Help text"))
    required = blocks.BooleanBlock(required=False, label=_("Required"))
    show_if = ConditionBlock(label=_("Show only when"))
    require_if = ConditionBlock(label=_("Required when"))

    kind = "text"

    class Meta:
        icon = "form"


class ShortTextBlock(BaseFieldBlock):
    max_length = blocks.IntegerBlock(
        default=200, min_value=1, max_value=1000, label=_("Maximum length")
    )

    class Meta:
        label = _("Short text")


class LongTextBlock(BaseFieldBlock):
    max_length = blocks.IntegerBlock(
        default=5000, min_value=1, max_value=20000, label=_("Maximum length")
    )

    class Meta:
        label = _("Long text")


class EmailBlock(BaseFieldBlock):
    class Meta:
        label = _("Email")


class NumberBlock(BaseFieldBlock):
    min_value = blocks.DecimalBlock(required=False, label=_("Minimum value"))
    max_value = blocks.DecimalBlock(required=False, label=_("Maximum value"))

    class Meta:
        label = _("Number")


class DateBlock(BaseFieldBlock):
    class Meta:
        label = _("Date")


class ChoiceItemBlock(blocks.StructBlock):
    value = MachineNameBlock(label=_("Value"))
    label = blocks.CharBlock(max_length=200, label=_("Label"))


class SingleChoiceBlock(BaseFieldBlock):
    choices = blocks.ListBlock(ChoiceItemBlock(), label=_("Choices"))
    widget = blocks.ChoiceBlock(
        choices=[("radio", _("Radio buttons")), ("dropdown", _("Dropdown"))],
        default="radio",
        label=_("Shown as"),
    )

    class Meta:
        label = _("Single choice")


class MultipleChoiceBlock(BaseFieldBlock):
    choices = blocks.ListBlock(ChoiceItemBlock(), label=_("Choices"))

    class Meta:
        label = _("Multiple choice")


class YesNoBlock(BaseFieldBlock):
    class Meta:
        label = _("Yes / no")


class URLBlock(BaseFieldBlock):
    class Meta:
        label = _("Web address")


class FileBlock(BaseFieldBlock):
    extensions = ExtensionsBlock(label=_("Allowed file types"), default="png, jpg, jpeg, pdf")
    max_size_mb = blocks.IntegerBlock(
        default=5, min_value=1, max_value=20, label=_("Maximum size (MB)")
    )

    class Meta:
        label = _("File upload")


class CountryBlock(BaseFieldBlock):
    class Meta:
        label = _("Country")


class HiddenContextBlock(blocks.StructBlock):
    """A value the server fills in: the page the visitor came from, or their language."""

    name = MachineNameBlock(label=_("Machine name"))
    source = blocks.ChoiceBlock(
        choices=[("referrer", _("Page the visitor came from")), ("locale", _("Language"))],
        default="referrer",
        label=_("Source"),
    )

    class Meta:
        icon = "view"
        label = _("Hidden context")


class SectionBlock(blocks.StructBlock):
    """A heading; its condition applies to every field after it, until the next section or step."""

    heading = blocks.CharBlock(max_length=200, label=_("Heading"))
    show_if = ConditionBlock(label=_("Show only when"))

    class Meta:
        icon = "title"
        label = _("Section heading")


class HelpTextBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "help"
        label = _("Help text")


class SuggestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Text"))
    page = blocks.PageChooserBlock(
        page_type=["pages.ArticlePage", "pages.TutorialPage"], label=_("Page")
    )

    class Meta:
        icon = "link"
        label = _("Try this article first")


class BranchBlock(blocks.StructBlock):
    when = ConditionBlock(label=_("When"))
    goto = MachineNameBlock(
        label=_("Go to step"), help_text=_('Machine name of a later step, or "end".')
    )


class StepBlock(blocks.StructBlock):
    """Starts a new step; the fields after it belong to it. After the step, the first branch
    whose condition holds decides the next step; otherwise the next step in order follows."""

    name = MachineNameBlock(label=_("Machine name"))
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    branches = blocks.ListBlock(BranchBlock(), default=[], label=_("Branches"))

    class Meta:
        icon = "arrow-right"
        label = _("Step")


FIELD_BLOCKS = {
    "short_text": ShortTextBlock,
    "long_text": LongTextBlock,
    "email": EmailBlock,
    "number": NumberBlock,
    "date": DateBlock,
    "single_choice": SingleChoiceBlock,
    "multiple_choice": MultipleChoiceBlock,
    "yes_no": YesNoBlock,
    "url": URLBlock,
    "file": FileBlock,
    "country": CountryBlock,
}


class FormFieldsBlock(blocks.StreamBlock):
    step = StepBlock()
    section = SectionBlock()
    help = HelpTextBlock()
    suggestion = SuggestionBlock()
    hidden_context = HiddenContextBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    email = EmailBlock()
    number = NumberBlock()
    date = DateBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    yes_no = YesNoBlock()
    url = URLBlock()
    file = FileBlock()
    country = CountryBlock()


class RouteBlock(blocks.StructBlock):
    """When the condition holds, the ticket goes to this queue (first match) with this priority
    (any matching critical rule makes the ticket critical)."""

    name = MachineNameBlock(label=_("Branch name"), help_text=_("e.g. account_hacked"))
    when = ConditionBlock(label=_("When"))
    queue = blocks.ChoiceBlock(choices=QUEUES, default="general", label=_("Help-desk queue"))
    priority = blocks.ChoiceBlock(choices=PRIORITIES, default="normal", label=_("Priority"))

    class Meta:
        icon = "redirect"
        label = _("Routing rule")


class RoutingBlock(blocks.StreamBlock):
    route = RouteBlock()
