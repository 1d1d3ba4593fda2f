"""Mount under a prefix of the host's choosing, e.g. ``path("opengov/", include("wagtail_opengov.urls"))``."""

from django.urls import path

from .api import api
from .views.roulette import roulette_view

urlpatterns = [
    path("api/v1/", api.urls),
    # The Roulette over every open campaign, for blocks not tied to one campaign (works without JavaScript).
    path("roulette/", roulette_view, name="opengov_roulette"),
]
