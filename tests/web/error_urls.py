"""The site's URLs and error handlers, with two views that fail, for the error pages' tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from nisi.config import urls as site


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
urlpatterns = [
    path("api/v1/test-fails", fails),
    *i18n_patterns(path("test-fails/", fails), path("test-forbidden/", forbidden), prefix_default_language=True),
    *site.urlpatterns,
]
