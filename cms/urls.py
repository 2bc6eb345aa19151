from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import health, probes
from cms import views as cms_views
from cms.headers import reports as csp_reports
from cms.headers import security_txt
from forms import attachment_views
from geo import theme_css
from pages.http_cache import shared_cache
from pages.sitemap import HelpCenterSitemap
from search import views as search_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/ready", health.healthz, name="healthz_ready"),
    path("healthz/live", probes.live, name="healthz_live"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("forms/attachment/<str:token>", attachment_views.download, name="forms_attachment"),
    path("csp-report", csp_reports.csp_report, name="csp_report"),
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    path(
        "sitemap.xml",
        shared_cache(sitemap),
        {"sitemaps": {"pages": HelpCenterSitemap}},
        name="sitemap",
    ),
    path(
        "theme/<int:pk>-<slug:version>.css",
        theme_css.theme_stylesheet,
        name="region_theme_css",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/search/", include("search.urls")),
    path("", include("tracking.urls")),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search"),
    path("", include("pages.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
