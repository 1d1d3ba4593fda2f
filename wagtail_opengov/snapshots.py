"""Small read-models of pages for the Roulette's hot path, kept in Django's cache.

A draw or a vote must not walk Wagtail's page tree, look up the site and the locale, and load a whole page row
each time: those cost several times the engine itself. What they need changes only when an editor publishes,
so it is cached (in Redis in production, shared by every app server) and dropped by the signals at the end of
this module whenever a page, a view restriction, a category or a site changes.

With a per-process cache (LocMem, Django's default) a change reaches other processes when their copy expires
(``CAMPAIGN_TTL``, ``CARD_TTL``); voting windows are always checked against the current time, never cached as
open/closed."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

CAMPAIGN_TTL = 60
CARD_TTL = 600
CATEGORIES_TTL = 600
_CARDS_GENERATION = "opengov:cards:gen"
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


def campaign_state(campaign_id):
    """The live, public campaign ``campaign_id`` as a :class:`CampaignState`, or None. One cache read."""
    state, _generation = campaign_state_and_generation(campaign_id)
    return state


def campaign_state_and_generation(campaign_id):
    # One round trip for both: the card cache's generation is needed right after the draw.
    key = _campaign_key(campaign_id)
    found = cache.get_many([key, _CARDS_GENERATION])
    state = found.get(key)
    if state is None:
        state = _load_campaign(campaign_id) or False  # False: remembered "no such campaign"
        cache.set(key, state, CAMPAIGN_TTL)
    return state or None, found.get(_CARDS_GENERATION, 0)


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


def _language():
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return translation.get_language() or ""


def _build_card(request, project_id, language):
    from .models.project import ProjectPage
    from .models.snippets import Category

    pages = list(
        ProjectPage.objects.filter(translation_key__in=ProjectPage.objects.filter(pk=project_id).values("translation_key"))
        .filter(live=True)
        .select_related("locale", "category")
    )
    by_pk = {page.pk: page for page in pages}
    shown = next((p for p in pages if p.locale.language_code == language), None) or by_pk.get(project_id)
    if shown is None:
        return None
    category = None
    if shown.category_id:
        category = shown.category
        if category.locale_id != shown.locale_id:
            category = (
                Category.objects.filter(translation_key=category.translation_key, locale_id=shown.locale_id).first()
                or category
            )
    _site_id, root_url, page_path = shown.get_url_parts(request) or (None, "", "")
    return {
        "id": project_id,
        "title": shown.title,
        "summary": shown.summary,
        "root_url": root_url or "",
        "path": page_path or "",
        "category": {"slug": category.slug, "name": category.name} if category else None,
    }


def card(request, project_id, generation=None):
    """The card of project ``project_id`` (canonical id) in the active language: ``id``, ``title``, ``summary``,
    ``url``, ``category``. Built once per project, language and change; then one cache read."""
    language = _language()
    if generation is None:
        generation = cache.get(_CARDS_GENERATION, 0)
    key = f"opengov:card:{generation}:{int(project_id)}:{language}"
    data = cache.get(key)
    if data is None:
        data = _build_card(request, project_id, language)
        if data is None:
            return None
        cache.set(key, data, CARD_TTL)
    # A relative URL on the site the visitor is on, an absolute one for a project on another site.
    root = urlsplit(data["root_url"]).hostname if data["root_url"] else None
    same_site = root is None or root == request.get_host().rsplit(":", 1)[0]
    url = data["path"] if same_site else data["root_url"] + data["path"]
    return {"id": data["id"], "title": data["title"], "summary": data["summary"], "url": url,
            "category": data["category"]}


# -- invalidation ----------------------------------------------------------------------------------------------


def forget_cards():
    """Every card is rebuilt on its next draw (a new generation; old entries expire on their own)."""
    try:
        cache.incr(_CARDS_GENERATION)
    except ValueError:
        cache.set(_CARDS_GENERATION, 1, None)


def forget_campaigns():
    from .models.campaign import CampaignPage

    ids = list(CampaignPage.objects.values_list("pk", flat=True))
    cache.delete_many([_campaign_key(pk) for pk in ids] + [_OPEN_CAMPAIGNS])


def _page_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    from .models.campaign import CampaignPageMixin
    from .models.project import ProjectPageMixin

    if not isinstance(instance, Page):
        return
    if isinstance(instance, CampaignPageMixin):
        forget_campaigns()
    if isinstance(instance, ProjectPageMixin):
        forget_cards()
    elif kwargs.get("signal") is post_delete:
        # A deleted ancestor takes campaigns and projects with it.
        forget_campaigns()
        forget_cards()


def _tree_changed(sender, **kwargs):
    forget_campaigns()
    forget_cards()


def _category_changed(sender, **kwargs):
    cache.delete("opengov:categories")
    forget_cards()


def connect():
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models.snippets import Category

    post_save.connect(_page_changed, dispatch_uid="opengov_snapshots_page_saved")
    post_delete.connect(_page_changed, dispatch_uid="opengov_snapshots_page_deleted")
    page_published.connect(_page_changed, dispatch_uid="opengov_snapshots_published")
    page_unpublished.connect(_page_changed, dispatch_uid="opengov_snapshots_unpublished")
    post_page_move.connect(_tree_changed, sender=Page, dispatch_uid="opengov_snapshots_moved")
    for model in (PageViewRestriction, Site):
        post_save.connect(_tree_changed, sender=model, dispatch_uid=f"opengov_snapshots_{model.__name__}_saved")
        post_delete.connect(_tree_changed, sender=model, dispatch_uid=f"opengov_snapshots_{model.__name__}_deleted")
    post_save.connect(_category_changed, sender=Category, dispatch_uid="opengov_snapshots_category_saved")
    post_delete.connect(_category_changed, sender=Category, dispatch_uid="opengov_snapshots_category_deleted")


__all__ = ["CampaignState", "campaign_state", "card", "category_keys", "connect", "open_campaign_ids"]
