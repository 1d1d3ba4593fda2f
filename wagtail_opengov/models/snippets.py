"""Reference data editors manage as snippets: interests (Category), districts (Area), and state bodies.

All three are translatable the Wagtail way (one row per locale sharing a ``translation_key``); the slug is
shared by the translations, so a URL filter such as ``?category=roads`` means the same in every language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class LocalizedSnippet(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in addresses and filters, e.g. “roads”. Translations share the same slug."),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(LocalizedSnippet):
    """An interest or direction (courtyards, roads, schools…) residents can filter by."""

    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(LocalizedSnippet.Meta):
        verbose_name = pgettext_lazy("interest or direction", "category")
        verbose_name_plural = pgettext_lazy("interest or direction", "categories")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="opengov_category_slug_locale_uniq"),
        ]


class Area(LocalizedSnippet):
    """A district (or other territory) of the akimat's jurisdiction."""

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(LocalizedSnippet.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="opengov_area_slug_locale_uniq"),
        ]


class StateBody(LocalizedSnippet):
    """The akimat and its departments: responsible for projects, and rated for openness."""

    class Kind(models.TextChoices):
        AKIMAT = "akimat", _("Akimat")
        DEPARTMENT = "department", _("Department")
        OTHER = "other", _("Other state body")

    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(
        _("public email"), blank=True, help_text=_("The body's official public address, shown on project pages.")
    )

    search_fields = LocalizedSnippet.search_fields + [index.SearchField("short_name")]

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("website"),
        FieldPanel("public_email"),
    ]

    class Meta(LocalizedSnippet.Meta):
        verbose_name = _("state body")
        verbose_name_plural = _("state bodies")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="opengov_statebody_slug_locale_uniq"),
        ]
