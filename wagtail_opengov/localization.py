"""Show translatable snippets in the visitor's language without one query per object."""

from django.conf import settings
from wagtail.models import Locale

from .collation import sorted_by_name


def localize(objects):
    """Return ``objects`` (same order, same length) replaced by their translation in the active locale.

    An object without a translation stays as it is. One query per model, whatever the number of objects.
    """
    objects = list(objects)
    if not objects or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return objects
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return objects
    missing = {}
    for obj in objects:
        if obj is not None and obj.locale_id != locale.pk:
            missing.setdefault(type(obj), set()).add(obj.translation_key)
    translations = {}
    for model, keys in missing.items():
        for translated in model.objects.filter(translation_key__in=keys, locale=locale):
            translations[(model, translated.translation_key)] = translated
    return [
        translations.get((type(obj), obj.translation_key), obj) if obj is not None else None for obj in objects
    ]


def in_play(campaign, model, field):
    """The campaign's categories or areas (``field``), or all of ``model`` when it names none: one per slug, in
    the visitor's language, sorted alphabetically for that language."""
    chosen = list(getattr(campaign, field).all()) if campaign is not None else []
    seen, result = set(), []
    for obj in localize(chosen or model.objects.all()):
        if obj.slug not in seen:
            seen.add(obj.slug)
            result.append(obj)
    return sorted_by_name(result)


def one_per_translation(pages):
    """The first of each translation group, in the given order (a campaign in three languages is one campaign)."""
    seen, result = set(), []
    for page in pages:
        if page.translation_key not in seen:
            seen.add(page.translation_key)
            result.append(page)
    return result


def by_translation_key(model, keys):
    """``{translation key: object}`` for the translatable snippets of ``model`` with those keys, each in the
    active locale where it is translated. Two queries, whatever the number of keys."""
    first = {}
    for obj in model.objects.filter(translation_key__in=set(keys)).order_by("pk"):
        first.setdefault(obj.translation_key, obj)
    return dict(zip(first, localize(first.values())))
