"""Roulette cards: what a drawn project shows, per language, stored next to the deck.

Written when a project is saved (``build_cards``), read by the draw's own statement. Built from live pages
only, so a draft never leaks onto a card."""

from django.conf import settings
from django.db import transaction

from ..models.participation import ProjectCard, RouletteSlot


def content_languages():
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return [code for code, _name in languages] or [settings.LANGUAGE_CODE]


def _card_data(shown, category):
    parts = shown.get_url_parts(None) or (None, "", "")
    return {
        "title": shown.title,
        "summary": shown.summary,
        "root_url": parts[1] or "",
        "path": parts[2] or "",
        "category": {"slug": category.slug, "name": category.name} if category else None,
    }


def build_cards(project):
    """(Re)write the cards of ``project``'s translation group, one per content language; a language without
    a live translation shows the canonical page, as ``Page.localized`` does."""
    from ..models.project import ProjectPage
    from ..models.snippets import Category
    from .engine import canonical

    first = canonical(project)
    pages = list(
        ProjectPage.objects.filter(translation_key=first.translation_key, live=True).select_related(
            "locale", "category"
        )
    )
    fallback = next((p for p in pages if p.pk == first.pk), None)
    rows = []
    if fallback is not None:
        by_language = {p.locale.language_code: p for p in pages}
        category_keys = {p.category.translation_key for p in pages if p.category_id}
        categories = {
            (c.translation_key, c.locale_id): c for c in Category.objects.filter(translation_key__in=category_keys)
        }
        for language in content_languages():
            shown = by_language.get(language, fallback)
            category = None
            if shown.category_id:
                category = categories.get((shown.category.translation_key, shown.locale_id), shown.category)
            rows.append(ProjectCard(project_id=first.pk, language=language, data=_card_data(shown, category)))
    with transaction.atomic():
        ProjectCard.objects.filter(project_id=first.pk).delete()
        ProjectCard.objects.bulk_create(rows)


def forget_cards(project):
    from .engine import canonical

    ProjectCard.objects.filter(project_id=canonical(project).pk).delete()


def rebuild(slots=None):
    """Rebuild the cards of the projects in the deck (all of them, or the given slot queryset): after a
    category is renamed, a site's address changes or pages move."""
    from wagtail.models import Page

    slots = RouletteSlot.objects.filter(eligible=True) if slots is None else slots
    for page in Page.objects.filter(pk__in=slots.values("project_id")).specific():
        build_cards(page)


def card_for(project_id, language):
    """The stored card, building it if it is missing (a deck from before cards existed)."""
    row = ProjectCard.objects.filter(project_id=project_id, language=language).values_list("data", flat=True).first()
    if row is None:
        from wagtail.models import Page

        page = Page.objects.filter(pk=project_id).first()
        if page is None:
            return None
        build_cards(page.specific)
        row = ProjectCard.objects.filter(project_id=project_id, language=language).values_list("data", flat=True).first()
    return row
