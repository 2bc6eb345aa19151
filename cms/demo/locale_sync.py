"""Keeps locale trees in step with the English one as wagtail-localize's locale synchronisation
does (an alias of every page not yet translated), for several locales at once.

wagtail-localize's `synchronize_tree` reads its index of the whole tree with a few queries per page
on every call; here the index is read once, in one query, and shared by every target locale (what
one locale's synchronisation adds never changes another's)."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page
from wagtail_localize.synctree import PageIndex, synchronize_tree


def page_index() -> PageIndex:
    """The index `PageIndex.from_database()` builds, in tree order."""
    rows = list(
        Page.objects.filter(depth__gt=1)
        .order_by("path")
        .values_list(
            "path", "depth", "translation_key", "locale_id", "alias_of_id", "content_type_id"
        )
    )
    locales = Locale.objects.in_bulk()
    key_by_path = {path: key for path, _depth, key, *_rest in rows}
    translated_in, aliased_in = defaultdict(list), defaultdict(list)
    for _path, _depth, key, locale_id, alias_of_id, _type in rows:
        (aliased_in if alias_of_id else translated_in)[key].append(locale_id)
    entries = [
        PageIndex.Entry(
            ContentType.objects.get_for_id(content_type_id),
            key,
            locales[locale_id],
            key_by_path[path[: -Page.steplen]] if depth > 2 else None,
            translated_in[key],
            aliased_in[key],
        )
        for path, depth, key, locale_id, alias_of_id, content_type_id in rows
        if alias_of_id is None
    ]
    return PageIndex(entries).sort_by_tree_position()


def synchronize_locales(source: Locale, targets) -> None:
    """Alias into each of `targets` every page of `source` that locale lacks."""
    index = page_index()
    for target in targets:
        if target.pk != source.pk:
            synchronize_tree(source, target, page_index=index)
