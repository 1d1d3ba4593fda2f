"""Version 1 of the API. Paths and fields here are a public contract: add, never rename or remove."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.utils import check_csrf

from .. import identity, roles, snapshots, voting
from ..localization import one_per_translation
from ..roulette import canonical, cards
from ..voting import Refused
from . import errors, schemas
from .presenters import campaign_out, card_out, fairness_out, results_out

api = NinjaAPI(
    title="wagtail_opengov",
    version="1",
    description="OpenGov participation: campaigns, the Roulette, votes, results.",
    urls_namespace="wagtail_opengov_api_v1",
    docs_url=None,
)
errors.install(api)


@api.exception_handler(Refused)
def refused(request, exc):
    return api.create_response(request, errors.payload(exc.code, exc.message), status=exc.status)


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

    return [campaign_out(request, page) for page in one_per_translation(CampaignPage.objects.live().public().order_by("pk"))]


@api.post(
    "/roulette/draw",
    response={200: schemas.DrawOut, 204: None, 400: schemas.ErrorOut, 403: schemas.ErrorOut,
              409: schemas.ErrorOut},
    summary="Draw the next project for this visitor",
)
def draw(request, payload: schemas.DrawIn):
    require_csrf(request)
    # The hot path reads a cached snapshot of the campaign (snapshots.py) and the card stored next to the deck
    # (roulette/cards.py) instead of pages: one cache read and the engine's one statement.
    if payload.campaign is not None:
        state = snapshots.campaign_state(payload.campaign)
        if state is None:
            raise Refused("unknown_campaign", _("There is no such campaign."), 400)
        if not state.voting_open:
            raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)
        campaign_ids = [state.canonical_id]
    else:
        campaign_ids = snapshots.open_campaign_ids()
    keys = voting.category_keys(payload.categories)
    participant_id, new_value = identity.participant_id(request, create=True)
    session, new_session = identity.browsing_session(request)
    language = snapshots.language()
    card = voting.draw_card(
        participant=participant_id, campaigns=campaign_ids, categories=keys, session=session, language=language
    )
    if card is None:
        response = HttpResponse(status=204)
    else:
        data = card.data or cards.card_for(card.project_id, language)
        project = snapshots.present_card(request, card.project_id, data) if data else card_out(request, card.project)
        response = api.create_response(request, {"project": project, "ticket": card.ticket}, status=200)
    if new_value:
        identity.remember_device(request, response, new_value)
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
    participant_id, _value = identity.participant_id(request)
    cast = voting.cast_vote(
        participant=participant_id,
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
def results(request, campaign_id: schemas.CampaignId):
    campaign = _campaign(campaign_id)
    if not (campaign.tallies_public or roles.sees_private_figures(request.user)):
        raise Refused(
            "results_hidden",
            _("Results are published when voting closes, so that running totals do not sway voters."),
            403,
        )
    return results_out(request, campaign)


@api.get("/campaigns/{campaign_id}/fairness", summary="Fairness of the Roulette (staff only)")
def fairness(request, campaign_id: schemas.CampaignId):
    campaign = _campaign(campaign_id)
    if not roles.sees_private_figures(request.user):
        raise Refused("staff_only", _("Only staff can see impression counts while they are private."), 403)
    return fairness_out(campaign)




@api.get(
    "/campaigns/{campaign_id}/objections/stats",
    response={200: schemas.ObjectionStatsOut, 400: schemas.ErrorOut},
    summary="Objections per state body: received, share answered in time, median working days to answer",
)
def objection_stats(request, campaign_id: schemas.CampaignId):
    from ..objections import stats

    campaign = _campaign(campaign_id)
    return {"campaign": campaign.pk, "state_bodies": stats(campaign.pk)}
