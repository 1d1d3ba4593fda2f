"""Mount under a prefix of the host's choosing, e.g. ``path("opengov/", include("wagtail_opengov.urls"))``."""

from django.urls import path

from .api import api, errors
from .views.roulette import roulette_view
from .views.submissions import track_view

urlpatterns = [
    path("api/v1/", errors.urls(api)),
    # The Roulette over every open campaign, for blocks not tied to one campaign (works without JavaScript).
    path("roulette/", roulette_view, name="opengov_roulette"),
    # A resident's private tracking link for a project they submitted (no account).
    path("track/<str:token>/", track_view, name="opengov_track"),
]
