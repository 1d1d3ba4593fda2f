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

# Refusals that leave the ticket usable: the resident may send the same card again (after a moment, with a
# choice, with a shorter reason). Every other refusal spends or voids the card, so the next one is drawn.
SAME_CARD = {"too_fast", "invalid_choice", "reason_too_long"}


def _vote(request, participant, context):
    """Cast the posted vote; on a refusal keep what the resident typed and, where the ticket allows, the card."""
    ticket = request.POST.get("ticket", "")
    try:
        vote = voting.cast_vote(
            participant=participant,
            ticket=ticket,
            choice=request.POST.get("choice", ""),
            reason=request.POST.get("reason", ""),
            ip=identity.client_address(request),
        )
    except Refused as refusal:
        context["errors"].append(str(refusal.message))
        # A refused vote loses nothing the resident typed: the reason goes back into the field.
        context["reason"] = request.POST.get("reason", "")
        if refusal.code in SAME_CARD:
            context["card"] = voting.card_for_ticket(ticket, participant)
            context["choice"] = request.POST.get("choice", "")
        context["reason_carried"] = context["card"] is None and bool(context["reason"].strip())
        return refusal.status
    context["notice"] = (
        _("Your vote FOR has been recorded.") if vote.choice == "for"
        else _("Your vote AGAINST has been recorded. The monitoring group will answer your reason.")
        if vote.reason else _("Your vote AGAINST has been recorded.")
    )
    return 200


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
        "errors": [],
        "error": "",
        "reason": "",
        "choice": "",
    }
    status = 200
    participant = new_token = None
    session, new_session = identity.browsing_session(request)
    if request.method == "POST":
        try:
            participant, new_token = identity.get_participant(request, create=True)
            if request.POST.get("action", "draw") == "vote":
                status = _vote(request, participant, context)
            if context["card"] is None:
                target = canonical(campaign) if campaign is not None else None
                campaigns = voting.open_campaigns(target)
                if not campaigns:
                    raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)
                keys = voting.category_keys(chosen)
                context["card"] = voting.draw_card(
                    participant=participant, campaigns=campaigns, categories=keys, session=session
                )
                context["nothing_left"] = context["card"] is None
        except Refused as refusal:
            if str(refusal.message) not in context["errors"]:
                context["errors"].append(str(refusal.message))
            # The vote's own refusal, when there was one, is the status that says what happened to it.
            status = status if status >= 400 else refusal.status
        if context["card"] is not None:
            context["card"].shown = context["card"].project.localized.specific
        context["error"] = context["errors"][0] if context["errors"] else ""  # for templates overridden before
    response = TemplateResponse(request, "wagtail_opengov/roulette_page.html", context, status=status)
    if new_token:
        identity.remember_device(request, response, new_token)
    if new_session:
        identity.remember_session(request, response, session)
    response["Cache-Control"] = "private, no-store"
    return response
