"""Content health in the admin: articles due for review, translation progress per locale."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from cms.editorial import content_health
from pages.models import ArticlePage
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

from .editorial import arabic_translator, editor

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_articles_not_reviewed_for_n_days_are_listed(client, settings):
    stale, fresh = ArticlePageFactory.create_batch(
        2, parent=TopicPageFactory(parent=HomePageFactory())
    )
    today = timezone.localdate()
    ArticlePage.objects.filter(id=stale.id).update(
        last_reviewed=today - datetime.timedelta(days=400)
    )
    ArticlePage.objects.filter(id=fresh.id).update(last_reviewed=today)

    client.force_login(editor())
    settings.HELPCENTER_REVIEW_AFTER_DAYS = 180
    listing = client.get("/admin/pages/helppage/?attention=review").content.decode()
    assert stale.title in listing
    assert fresh.title not in listing

    settings.HELPCENTER_REVIEW_AFTER_DAYS = 500
    listing = client.get("/admin/pages/helppage/?attention=review").content.decode()
    assert stale.title not in listing


@pytest.mark.django_db
def test_translation_progress_per_locale(client, demo):
    client.force_login(arabic_translator())
    response = client.get("/admin/cms/translationprogress/")
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("ar", "de", "ru"):
        assert f"({code})" in html
    arabic = demo.locale.__class__.objects.get(language_code="ar")
    german = demo.locale.__class__.objects.get(language_code="de")
    ar, de = content_health.locale_progress(arabic), content_health.locale_progress(german)
    assert ar.total > 0 and de.total > ar.total  # Business Help is published in German, not Arabic
    assert ar.translated == ar.total and ar.missing == 0  # the demo translates everything
    assert de.missing == de.total  # German articles are aliases of the English ones
    # Nobody edits or deletes locales from here.
    assert response.content.decode().count("/admin/cms/translationprogress/edit/") == 0


@pytest.mark.parametrize(
    ("environment", "backend"),
    [
        ({}, "cms.editorial.machine_translation.OfflineMachineTranslator"),
        ({"DEEPL_API_KEY": "key:fx"}, "wagtail_localize.machine_translators.deepl.DeepLTranslator"),
        (
            {"LIBRETRANSLATE_URL": "http://127.0.0.1:5000"},
            "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        ),
    ],
)
def test_machine_translation_backend_follows_the_credentials(environment, backend):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR['CLASS'])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == backend, result.stderr
