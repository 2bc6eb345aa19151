"""Equips a new locale's tree for its translators and reviewers as soon as its home exists.

Each locale's home is a separate tree under the root (wagtail-localize creates it when a locale
is added or synchronised); per-locale groups get their page permissions on that home.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from cms.editorial.roles import grant_locale_tree


@receiver(post_save, dispatch_uid="editorial.grant_new_locale_tree")
def grant_new_locale_tree(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    grant_locale_tree(instance)
