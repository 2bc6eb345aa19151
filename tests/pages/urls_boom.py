"""A URLconf whose one view fails, to see the 500 page a visitor gets."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path


def boom(request):
    raise RuntimeError("secret internals")


urlpatterns = i18n_patterns(path("boom/", boom))
handler500 = "cms.views.server_error"
