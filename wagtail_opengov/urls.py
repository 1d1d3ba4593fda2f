"""Mount under a prefix of the host's choosing, e.g. ``path("opengov/", include("wagtail_opengov.urls"))``."""

from django.urls import path

from .api import api

urlpatterns = [
    path("api/v1/", api.urls),
]
