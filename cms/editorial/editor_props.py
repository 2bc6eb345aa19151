"""What wagtail-localize's translation editor (a React app) is given to show, adjusted for the
admin's language before it is rendered.

The editor receives its data as one JSON document (`props`). Two things in it are made for
display only and come out wrong in a translated admin: the source of each string segment is
printed as is, tags included ("Open <b>Settings</b>"), and each translation's history line
("Translated manually on 30 November 2026") has its date formatted by `strftime`, so with English
month names whatever the admin language. `for_display` returns the props with each string
segment's source as plain text and each history line rebuilt with the date in the admin's
locale (the same sentences, from wagtail-localize's catalogue). Translations themselves, which
the editor edits, keep their markup.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone
from django.utils.translation import gettext
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue

# wagtail-localize's own sentences, translated by its catalogue: looked up under another name so
# that `makemessages` does not copy them into the project's catalogues.
upstream_sentence = gettext


def history_line(string_translation: StringTranslation) -> str | None:
    """wagtail-localize's `StringTranslation.get_comment`, the date in the admin's locale."""
    date = formats.date_format(timezone.localtime(string_translation.updated_at), "DATE_FORMAT")
    if string_translation.tool_name:
        return upstream_sentence("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return upstream_sentence("Translated manually on {date}").format(date=date)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return upstream_sentence("Machine translated on {date}").format(date=date)
    return None


def _localize_history(data: dict, translation: Translation) -> None:
    items = data.get("initialStringTranslations") or []
    segment_ids = [item.get("segment_id") for item in items if item.get("segment_id")]
    contexts = dict(
        StringSegment.objects.filter(id__in=segment_ids).values_list("id", "context_id")
    )
    found = {
        (st.translation_of_id, st.context_id): st
        for st in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context_id__in=set(contexts.values()),
            translation_of_id__in={item.get("string_id") for item in items},
        )
    }
    for item in items:
        st = found.get((item.get("string_id"), contexts.get(item.get("segment_id"))))
        line = history_line(st) if st is not None else None
        if line is not None and item.get("comment"):
            item["comment"] = line


def for_display(props: str, translation: Translation) -> str:
    try:
        data = json.loads(props)
    except (TypeError, ValueError):
        return props
    for segment in data.get("segments", []):
        if segment.get("type") == "string" and isinstance(segment.get("source"), str):
            segment["source"] = StringValue(segment["source"]).render_text()
    _localize_history(data, translation)
    return json.dumps(data, cls=DjangoJSONEncoder)
