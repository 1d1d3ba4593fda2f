"""Admin wiring only: viewsets and menus. Business rules live on the models."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Area, Category, StateBody


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "description", "locale"]
    export_filename = "opengov-categories"
    ordering = ["name"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "locale"]
    export_filename = "opengov-areas"
    ordering = ["name"]


class StateBodyViewSet(SnippetViewSet):
    model = StateBody
    icon = "group"
    menu_label = _("State bodies")
    list_display = ["name", "short_name", "kind", "parent", "locale"]
    list_filter = ["kind", "locale"]
    list_export = ["name", "short_name", "slug", "kind", "parent", "website", "public_email", "locale"]
    export_filename = "opengov-state-bodies"
    ordering = ["name"]


class OpenGovViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, AreaViewSet, StateBodyViewSet)
    menu_icon = "list-ul"
    menu_label = _("OpenGov")
    menu_name = "opengov"


register_snippet(OpenGovViewSetGroup)
