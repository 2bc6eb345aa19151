"""sitemap.xml: every live page of the request's site in each of its property's languages
(`pages.properties`), each with its hreflang alternates."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from . import properties


class HelpCenterSitemap(Sitemap):
    def items(self):
        # Wagtail's default only walks the site's root page (one language); each locale's
        # home is a sibling of it, so list the pages below every translation of the root in
        # the property's languages. Aliases repeat another page's content and are left out
        # (their canonical URL is the source page).
        site = properties.site_of(self.request)
        if site is None:
            return Page.objects.none()
        web_property = properties.for_site(site.pk)
        roots = site.root_page.get_translations(inclusive=True).filter(
            locale__language_code__in=web_property.languages
        )
        trees = [Q(path__startswith=path) for path in roots.values_list("path", flat=True)]
        if not trees:
            return Page.objects.none()
        return (
            Page.objects.live()
            .public()
            .filter(reduce(or_, trees), alias_of__isnull=True)
            .select_related("locale")
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = defaultdict(list)
        for item in pages:
            alternates[item.translation_key].append(
                {
                    "lang_code": item.locale.language_code,
                    "location": item.get_full_url(self.request),
                }
            )
        urls = []
        for item in pages:
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates[item.translation_key],
                }
            )
        lastmods = [u["lastmod"] for u in urls if u["lastmod"]]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
