"""The campaign's public results page: FOR, AGAINST and net votes per project, and the commission's decisions."""

from django.http import Http404
from django.template.response import TemplateResponse

from .. import conf
from ..models.results import campaign_results


def results_view(request, campaign):
    """200 in both cases: before the tallies are public the page says when they will be, and lists nothing.

    Tallies follow the same rule as everywhere else (``tallies_public``: voting closed, or live tallies on), so the
    results page never reveals what the project pages hide."""
    if request.method not in ("GET", "HEAD"):
        raise Http404
    public = campaign.tallies_public
    context = {
        "page": campaign,
        "campaign": campaign,
        "opengov_base_template": conf.get_setting("BASE_TEMPLATE"),
        "results_public": public,
        "provisional": public and not campaign.voting_closed,
        "results": campaign_results(campaign) if public else [],
    }
    return TemplateResponse(request, "wagtail_opengov/results/results_page.html", context)
