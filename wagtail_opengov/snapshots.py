"""Small read-models of pages for the Roulette's hot path, kept in Django's cache (the cards themselves are
stored in the database next to the deck: roulette/cards.py).

A draw or a vote must not walk Wagtail's page tree, look up the site and the locale, and load a whole page row
each time: those cost several times the engine itself. What they need changes only when an editor publishes,
so it is cached (in Redis in production, shared by every app server) and dropped by the signals at the end of
this module whenever a page, a view restriction, a category or a site changes.

With a per-process cache (LocMem, Django's default) a change reaches other processes when their copy expires
(``CAMPAIGN_TTL``, ``CATEGORIES_TTL``); voting windows are always checked against the current time, never cached as
open/closed."""

import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from . import fastcache
from .db import PAGE_ID_MAX

CAMPAIGN_TTL = 60
CATEGORIES_TTL = 600
_OPEN_CAMPAIGNS = "opengov:campaigns:open"


@dataclass(frozen=True)
class CampaignState:
    id: int  # the id asked for (any translation)
    canonical_id: int  # the page that stands for the translation group in the deck
    voting_start: datetime | None
    voting_end: datetime | None

    @property
    def voting_open(self):
        now = timezone.now()
        return bool(self.voting_start and self.voting_end) and self.voting_start <= now < self.voting_end


def _campaign_key(campaign_id):
    return f"opengov:campaign:{int(campaign_id)}"


def _load_campaign(campaign_id):
    from .models.campaign import CampaignPage
    from .roulette import canonical

    page = CampaignPage.objects.filter(pk=campaign_id).live().public().first()
    if page is None:
        return None
    first = canonical(page)
    return CampaignState(page.pk, first.pk, first.voting_start, first.voting_end)


# A two-second memo in the process in front of the shared cache: every draw and vote needs its campaign, and
# even one Redis round trip per request was a tenth of a draw's CPU. The process that saves a change clears it
# at once (the signals below); other processes see the change within MEMO_SECONDS. Windows are never memoised
# as open or closed: they are compared with the current time on every request.
MEMO_SECONDS = 2.0
_memo = {}


def campaign_state(campaign_id):
    """The live, public campaign ``campaign_id`` as a :class:`CampaignState`, or None."""
    if not 0 < int(campaign_id) <= PAGE_ID_MAX:
        return None  # no page has that id, and SQLite could not even look it up
    key = _campaign_key(campaign_id)
    now = time.monotonic()
    memo = _memo.get(key)
    if memo is not None and memo[0] > now:
        return memo[1]
    state = fastcache.get(key)
    if state is None:
        state = _load_campaign(campaign_id) or False  # False: remembered "no such campaign"
        cache.set(key, state, CAMPAIGN_TTL)
    _memo[key] = (now + MEMO_SECONDS, state or None)
    return state or None


def open_campaign_ids():
    """Canonical ids of every live, public campaign whose voting is open now."""
    rows = cache.get(_OPEN_CAMPAIGNS)
    if rows is None:
        from .models.campaign import CampaignPage
        from .roulette import canonical

        rows = sorted(
            {(first.pk, first.voting_start, first.voting_end)
             for first in (canonical(page) for page in CampaignPage.objects.live().public())}
        )
        cache.set(_OPEN_CAMPAIGNS, rows, CAMPAIGN_TTL)
    now = timezone.now()
    return [pk for pk, start, end in rows if start and end and start <= now < end]


def category_keys(slugs):
    """Translation keys for category slugs (any language); unknown slugs raise ``LookupError`` with them."""
    slugs = [s for s in dict.fromkeys(slugs or []) if s]
    if not slugs:
        return []
    key = "opengov:categories"
    by_slug = cache.get(key)
    if by_slug is None:
        from .models.snippets import Category

        by_slug = {}
        for slug, translation_key in Category.objects.values_list("slug", "translation_key"):
            by_slug.setdefault(slug, []).append(translation_key)
        cache.set(key, by_slug, CATEGORIES_TTL)
    unknown = sorted(set(slugs) - set(by_slug))
    if unknown:
        raise LookupError(unknown)
    # Translations share a key; categories that merely share a slug in different languages all count.
    return list(dict.fromkeys(k for slug in slugs for k in by_slug[slug]))


def language():
    """The content language of the active request language (``kk``, ``ru``…), as cards are stored."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return translation.get_language() or ""


def present_card(request, project_id, data):
    """A stored card (see roulette/cards.py) as the API shows it: ``id``, ``title``, ``summary``, ``url``,
    ``category``. The URL is relative on the site the visitor is on, absolute for a project on another site."""
    root = urlsplit(data["root_url"]).hostname if data.get("root_url") else None
    same_site = root is None or root == request.get_host().rsplit(":", 1)[0]
    url = data["path"] if same_site else data["root_url"] + data["path"]
    return {"id": project_id, "title": data["title"], "summary": data["summary"], "url": url,
            "category": data["category"]}


# -- invalidation ----------------------------------------------------------------------------------------------


def forget_campaigns():
    from .models.campaign import CampaignPage

    ids = list(CampaignPage.objects.values_list("pk", flat=True))
    _memo.clear()
    cache.delete_many([_campaign_key(pk) for pk in ids] + [_OPEN_CAMPAIGNS])


def _page_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    from .models.campaign import CampaignPageMixin
    from .models.project import ProjectPageMixin

    if not isinstance(instance, Page):
        return
    if isinstance(instance, CampaignPageMixin):
        forget_campaigns()
    elif kwargs.get("signal") is post_delete and not isinstance(instance, ProjectPageMixin):
        # A deleted ancestor takes campaigns with it.
        forget_campaigns()


def _tree_changed(sender, **kwargs):
    from .roulette.cards import rebuild

    forget_campaigns()
    # Addresses on the cards change with the tree or a site's hostname.
    rebuild()


def _category_changed(sender, instance, **kwargs):
    from .models.participation import RouletteSlot
    from .roulette.cards import rebuild

    cache.delete("opengov:categories")
    rebuild(RouletteSlot.objects.filter(eligible=True, category_key=instance.translation_key))


def connect():
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models.snippets import Category

    from wagtail.models import get_page_models

    # Per page model, so that saves of other models (impressions, votes) never call the handler.
    for model in get_page_models():
        post_save.connect(_page_changed, sender=model, dispatch_uid=f"opengov_snapshots_saved_{model._meta.label}")
        post_delete.connect(
            _page_changed, sender=model, dispatch_uid=f"opengov_snapshots_deleted_{model._meta.label}"
        )
    page_published.connect(_page_changed, dispatch_uid="opengov_snapshots_published")
    page_unpublished.connect(_page_changed, dispatch_uid="opengov_snapshots_unpublished")
    post_page_move.connect(_tree_changed, sender=Page, dispatch_uid="opengov_snapshots_moved")
    for model in (PageViewRestriction, Site):
        post_save.connect(_tree_changed, sender=model, dispatch_uid=f"opengov_snapshots_{model.__name__}_saved")
        post_delete.connect(_tree_changed, sender=model, dispatch_uid=f"opengov_snapshots_{model.__name__}_deleted")
    post_save.connect(_category_changed, sender=Category, dispatch_uid="opengov_snapshots_category_saved")
    post_delete.connect(_category_changed, sender=Category, dispatch_uid="opengov_snapshots_category_deleted")


__all__ = ["CampaignState", "campaign_state", "category_keys", "connect", "open_campaign_ids"]
