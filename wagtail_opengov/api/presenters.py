"""Turn pages into API payloads in the visitor's language. Private fields never pass through here."""

from ..localization import by_translation_key, in_play, localize
from ..models.participation import RouletteSlot
from ..models.snippets import Category


def _localized_page(page):
    # Page.localized gives the live translation in the active language, or the page itself.
    return page.localized.specific


def campaign_out(request, page):
    from ..roulette import canonical

    shown = _localized_page(page)
    return {
        "id": canonical(page).pk,
        "title": shown.title,
        "url": shown.get_full_url(request),
        "voting_open": page.voting_open,
        "submission_open": page.submission_open,
        "categories": [{"slug": c.slug, "name": c.name} for c in in_play(shown, Category, "categories")],
    }


def card_out(request, project):
    shown = _localized_page(project)
    category = localize([shown.category])[0] if shown.category_id else None
    return {
        "id": project.pk,
        "title": shown.title,
        "summary": shown.summary,
        "url": shown.get_url(request),
        "category": {"slug": category.slug, "name": category.name} if category else None,
    }


def results_out(request, campaign):
    slots = RouletteSlot.objects.filter(campaign_id=campaign.pk).select_related("project")
    projects = []
    for slot in slots:
        shown = _localized_page(slot.project)
        projects.append(
            {
                "id": slot.project_id,
                "title": shown.title,
                "url": shown.get_url(request),
                "votes_for": slot.votes_for,
                "votes_against": slot.votes_against,
            }
        )
    projects.sort(key=lambda p: (-(p["votes_for"] - p["votes_against"]), p["title"]))
    return {
        "campaign": campaign.pk,
        "voting_open": campaign.voting_open,
        "final": campaign.voting_closed,
        "projects": projects,
    }


def fairness_out(campaign):
    from ..roulette import fairness

    report = fairness(campaign.pk)
    report["per_project"] = [{"project": pk, **values} for pk, values in report["per_project"].items()]
    categories = by_translation_key(Category, report["filtered"])
    report["filtered"] = sorted(
        (
            {"category": {"slug": c.slug, "name": c.name} if c else None, **figures}
            for c, figures in ((categories.get(key), figures) for key, figures in report["filtered"].items())
        ),
        key=lambda row: row["category"]["name"] if row["category"] else "",
    )
    return report
