"""The Roulette without JavaScript: plain forms, show a project → vote → next.

GET never draws (bots and prefetchers must not count as impressions); the resident presses a button."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from .. import conf, identity, voting
from ..localization import in_play
from ..models.snippets import Category
from ..roulette import canonical
from ..voting import Refused


@csrf_protect
def roulette_view(request, campaign=None):
    """Serve the full-page Roulette for ``campaign`` (or all open campaigns)."""
    if request.method not in ("GET", "POST"):
        raise Http404
    chosen = [s for s in request.POST.getlist("category") or request.GET.getlist("category") if s]
    context = {
        "page": campaign,
        "campaign": campaign,
        "categories": in_play(campaign, Category, "categories"),
        "chosen": chosen,
        "opengov_base_template": conf.get_setting("BASE_TEMPLATE"),
        "card": None,
        "notice": "",
        "error": "",
    }
    status = 200
    participant = new_token = None
    session, new_session = identity.browsing_session(request)
    if request.method == "POST":
        action = request.POST.get("action", "draw")
        try:
            participant, new_token = identity.get_participant(request, create=True)
            if action == "vote":
                vote = voting.cast_vote(
                    participant=participant,
                    ticket=request.POST.get("ticket", ""),
                    choice=request.POST.get("choice", ""),
                    reason=request.POST.get("reason", ""),
                    ip=identity.client_address(request),
                )
                context["notice"] = (
                    _("Your vote FOR has been recorded.") if vote.choice == "for"
                    else _("Your vote AGAINST has been recorded. The monitoring group will answer your reason.")
                    if vote.reason else _("Your vote AGAINST has been recorded.")
                )
            target = canonical(campaign) if campaign is not None else None
            campaigns = voting.open_campaigns(target)
            if not campaigns:
                raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)
            keys = voting.category_keys(chosen)
            context["card"] = voting.draw_card(
                participant=participant, campaigns=campaigns, categories=keys, session=session
            )
            if context["card"] is not None:
                context["card"].shown = context["card"].project.localized.specific
            else:
                context["nothing_left"] = True
        except Refused as refusal:
            context["error"] = str(refusal.message)
            # Keep what the resident wrote, so a refused vote loses nothing they typed.
            context["reason"] = request.POST.get("reason", "")
            status = refusal.status
    response = TemplateResponse(request, "wagtail_opengov/roulette_page.html", context, status=status)
    if new_token:
        identity.remember_device(request, response, new_token)
    if new_session:
        identity.remember_session(request, response, session)
    response["Cache-Control"] = "private, no-store"
    return response
