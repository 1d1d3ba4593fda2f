"""Version 1 of the API. Paths and fields here are a public contract: add, never rename or remove."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.utils import check_csrf

from .. import identity, voting
from ..roulette import canonical
from ..voting import Refused
from . import schemas
from .presenters import campaign_out, card_out, fairness_out, results_out

api = NinjaAPI(
    title="wagtail_opengov",
    version="1",
    description="OpenGov participation: campaigns, the Roulette, votes, results.",
    urls_namespace="wagtail_opengov_api_v1",
    docs_url=None,
)


def error(request, code, message, status):
    return api.create_response(request, {"error": code, "message": str(message)}, status=status)


@api.exception_handler(Refused)
def refused(request, exc):
    return error(request, exc.code, exc.message, exc.status)


@api.exception_handler(NinjaValidationError)
def invalid(request, exc):
    fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:]) or "body" for e in exc.errors})
    return error(
        request,
        "invalid_request",
        _("The request is not valid. Check these fields: %(fields)s.") % {"fields": ", ".join(fields)},
        400,
    )


def require_csrf(request):
    # Writes come from browsers carrying the resident's cookies, so they need the CSRF token like any form.
    if check_csrf(request) is not None:
        raise Refused(
            "csrf_failed", _("Your session has expired or the page is out of date. Reload the page and try again."),
            403,
        )


def _campaign(campaign_id):
    from ..models import CampaignPage

    page = CampaignPage.objects.filter(pk=campaign_id).live().public().first()
    if page is None:
        # 400 rather than 404: on sites with i18n_patterns, LocaleMiddleware turns any 404 into a redirect to a
        # language-prefixed URL, which would hand API clients an HTML page.
        raise Refused("unknown_campaign", _("There is no such campaign."), 400)
    return canonical(page)


@api.get("/csrf", summary="Set the CSRF cookie for browser writes and return its token")
def csrf(request):
    # Pages embedding the Roulette stay cacheable (no per-visitor token in their HTML); the script asks here.
    from django.middleware.csrf import get_token

    return {"token": get_token(request)}


@api.get("/campaigns/", response=list[schemas.CampaignOut], summary="Campaigns with their categories")
def campaigns(request):
    from ..models import CampaignPage

    seen, result = set(), []
    for page in CampaignPage.objects.live().public().order_by("pk"):
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        result.append(campaign_out(request, page))
    return result


@api.post(
    "/roulette/draw",
    response={200: schemas.DrawOut, 204: None, 400: schemas.ErrorOut, 403: schemas.ErrorOut,
              409: schemas.ErrorOut},
    summary="Draw the next project for this visitor",
)
def draw(request, payload: schemas.DrawIn):
    require_csrf(request)
    campaign = _campaign(payload.campaign) if payload.campaign is not None else None
    campaigns = voting.open_campaigns(campaign)
    if campaign is not None and not campaigns:
        raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)
    keys = voting.category_keys(payload.categories)
    participant, new_token = identity.get_participant(request, create=True)
    session, new_session = identity.browsing_session(request)
    card = voting.draw_card(participant=participant, campaigns=campaigns, categories=keys, session=session)
    if card is None:
        response = HttpResponse(status=204)
    else:
        response = api.create_response(request, {"project": card_out(request, card.project),
                                                  "ticket": card.ticket}, status=200)
    if new_token:
        identity.remember_device(request, response, new_token)
    if new_session:
        identity.remember_session(request, response, session)
    return response


@api.post(
    "/votes",
    response={201: schemas.VoteOut, 400: schemas.ErrorOut, 403: schemas.ErrorOut, 409: schemas.ErrorOut,
              410: schemas.ErrorOut, 429: schemas.ErrorOut},
    summary="Vote FOR or AGAINST the project a ticket was issued for",
)
def vote(request, payload: schemas.VoteIn):
    require_csrf(request)
    participant, _token = identity.get_participant(request)
    cast = voting.cast_vote(
        participant=participant,
        ticket=payload.ticket,
        choice=payload.choice,
        reason=payload.reason,
        ip=identity.client_address(request),
    )
    return api.create_response(request, {"project": cast.project_id, "choice": cast.choice}, status=201)


@api.get(
    "/campaigns/{campaign_id}/results",
    response={200: schemas.ResultsOut, 400: schemas.ErrorOut, 403: schemas.ErrorOut},
    summary="FOR and AGAINST per project",
)
def results(request, campaign_id: int):
    campaign = _campaign(campaign_id)
    if not (campaign.tallies_public or request.user.is_staff):
        raise Refused(
            "results_hidden",
            _("Results are published when voting closes, so that running totals do not sway voters."),
            403,
        )
    return results_out(request, campaign)


@api.get("/campaigns/{campaign_id}/fairness", summary="Fairness of the Roulette (staff only)")
def fairness(request, campaign_id: int):
    campaign = _campaign(campaign_id)
    if not request.user.is_staff:
        raise Refused("staff_only", _("Only staff can see impression counts while they are private."), 403)
    return fairness_out(campaign)




@api.get(
    "/campaigns/{campaign_id}/objections/stats",
    response={200: schemas.ObjectionStatsOut, 400: schemas.ErrorOut},
    summary="Objections per state body: received, share answered in time, median working days to answer",
)
def objection_stats(request, campaign_id: int):
    from ..objections import stats

    campaign = _campaign(campaign_id)
    return {"campaign": campaign.pk, "state_bodies": stats(campaign.pk)}
