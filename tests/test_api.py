import json
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from wagtail_opengov.models import RouletteSlot, Stage, Vote, VoteStatus

from wagtail_opengov import roles

from .factories import CategoryFactory, admitted_project, role_member

pytestmark = pytest.mark.django_db
API = "/opengov/api/v1"
FAST = {"TICKET_MIN_SECONDS": 0}


def post(client, path, data, **extra):
    return client.post(API + path, json.dumps(data), content_type="application/json", **extra)


@pytest.fixture
def deck(campaign):
    roads = CategoryFactory(slug="roads", name="Дороги")
    return [admitted_project(campaign, category=roads, title=f"Дорога {i}") for i in range(3)]


def draw(client, campaign, **data):
    response = post(client, "/roulette/draw", {"campaign": campaign.pk, **data})
    assert response.status_code == 200, response.content
    return response.json()


def test_campaigns_list(client, campaign, deck):
    body = client.get(API + "/campaigns/").json()
    assert body[0]["id"] == campaign.pk and body[0]["voting_open"] is True
    assert body[0]["categories"] == [{"slug": "roads", "name": "Дороги"}]


def test_draw_returns_a_card_and_sets_private_cookies(client, campaign, deck):
    body = draw(client, campaign)
    assert body["project"]["id"] in {p.pk for p in deck}
    assert body["project"]["category"]["slug"] == "roads" and body["ticket"]
    cookie = client.cookies["opengov_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "initiator_contact" not in json.dumps(body)


@override_settings(OPENGOV=FAST)
def test_vote_is_counted_once_and_cannot_be_repeated(client, campaign, deck):
    card = draw(client, campaign)
    response = post(client, "/votes", {"ticket": card["ticket"], "choice": "for"})
    assert response.status_code == 201
    assert RouletteSlot.objects.get(project_id=card["project"]["id"]).votes_for == 1
    again = post(client, "/votes", {"ticket": card["ticket"], "choice": "against"})
    assert again.status_code == 409 and again.json()["error"] == "ticket_used"
    assert Vote.objects.count() == 1


def test_vote_right_after_the_draw_is_too_fast(client, campaign, deck):
    card = draw(client, campaign)
    response = post(client, "/votes", {"ticket": card["ticket"], "choice": "for"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    assert response.json()["error"] == "too_fast" and response.json()["message"]


@override_settings(OPENGOV=FAST)
def test_forged_foreign_and_expired_tickets_are_refused(client, campaign, deck):
    card = draw(client, campaign)
    forged = post(client, "/votes", {"ticket": card["ticket"][:-2] + "xx", "choice": "for"})
    assert forged.status_code == 400 and forged.json()["error"] == "invalid_ticket"
    stranger = Client()
    draw(stranger, campaign)
    foreign = post(stranger, "/votes", {"ticket": card["ticket"], "choice": "for"})
    assert foreign.status_code == 403 and foreign.json()["error"] == "foreign_ticket"
    with override_settings(OPENGOV={**FAST, "TICKET_MAX_AGE": 0}):
        expired = post(client, "/votes", {"ticket": card["ticket"], "choice": "for"})
    assert expired.status_code == 410 and expired.json()["error"] == "ticket_expired"
    assert Vote.objects.count() == 0


@override_settings(OPENGOV=FAST)
def test_against_with_a_reason_is_kept_as_plain_text(client, campaign, deck):
    card = draw(client, campaign)
    response = post(client, "/votes", {"ticket": card["ticket"], "choice": "against",
                                       "reason": "Дорого <script>alert(1)</script><b>очень</b>"})
    assert response.status_code == 201
    vote = Vote.objects.get()
    assert vote.choice == "against" and "<" not in vote.reason and "Дорого" in vote.reason


@override_settings(OPENGOV=FAST)
def test_project_no_longer_admitted_and_closed_voting_are_refused(client, campaign, deck):
    card = draw(client, campaign)
    project = next(p for p in deck if p.pk == card["project"]["id"])
    project.set_stage(Stage.REJECTED, "Нарушает нормы")
    response = post(client, "/votes", {"ticket": card["ticket"], "choice": "for"})
    assert response.status_code == 409 and response.json()["error"] == "not_admitted"

    campaign.voting_end = timezone.now() - timedelta(minutes=1)
    campaign.voting_start = timezone.now() - timedelta(days=2)
    campaign.save_revision().publish()
    closed = post(client, "/roulette/draw", {"campaign": campaign.pk})
    assert closed.status_code == 409 and closed.json()["error"] == "voting_closed"


def test_nothing_left_is_204(client, campaign, deck):
    for _ in deck:
        draw(client, campaign)
    assert post(client, "/roulette/draw", {"campaign": campaign.pk}).status_code == 204


def test_bad_input_gets_a_translated_400(client, campaign, deck):
    response = client.post(API + "/votes", "{not json", content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 400
    unknown = post(client, "/roulette/draw", {"campaign": campaign.pk, "categories": ["nope"]})
    assert unknown.status_code == 400 and unknown.json()["error"] == "unknown_category"
    choice = post(client, "/votes", {"ticket": "x", "choice": "maybe"})
    assert choice.status_code == 400 and choice.json()["error"] == "invalid_choice"
    missing = post(client, "/roulette/draw", {"campaign": 999999})
    assert missing.status_code == 400 and missing.json()["error"] == "unknown_campaign"


def test_writes_need_the_csrf_token(campaign, deck):
    browser = Client(enforce_csrf_checks=True)
    refused = post(browser, "/roulette/draw", {"campaign": campaign.pk})
    assert refused.status_code == 403 and refused.json()["error"] == "csrf_failed"
    token = browser.get(API + "/csrf").json()["token"]
    assert browser.cookies["csrftoken"].value
    allowed = post(browser, "/roulette/draw", {"campaign": campaign.pk}, HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code == 200


@override_settings(OPENGOV={**FAST, "VOTE_LIMITS": {"participant": [(3600, 1)]}})
def test_votes_over_the_limit_are_quarantined_not_lost(client, campaign, deck):
    for _ in range(2):
        card = draw(client, campaign)
        assert post(client, "/votes", {"ticket": card["ticket"], "choice": "for"}).status_code == 201
    statuses = sorted(Vote.objects.values_list("status", flat=True))
    assert statuses == [VoteStatus.COUNTED, VoteStatus.QUARANTINED]
    assert sum(RouletteSlot.objects.values_list("votes_for", flat=True)) == 1


@override_settings(OPENGOV=FAST)
def test_results_hidden_while_voting_is_open_except_for_staff(client, campaign, deck, django_user_model):
    card = draw(client, campaign)
    post(client, "/votes", {"ticket": card["ticket"], "choice": "for"})
    hidden = client.get(f"{API}/campaigns/{campaign.pk}/results")
    assert hidden.status_code == 403 and hidden.json()["error"] == "results_hidden"
    # Django's is_staff alone is not a Wagtail role; a resident with an account sees nothing either.
    for outsider in (django_user_model.objects.create_user("staff", is_staff=True),
                     django_user_model.objects.create_user("resident")):
        other = Client()
        other.force_login(outsider)
        assert other.get(f"{API}/campaigns/{campaign.pk}/results").status_code == 403
    staff = Client()
    staff.force_login(role_member("monitor", roles.MONITORING))
    body = staff.get(f"{API}/campaigns/{campaign.pk}/results").json()
    assert {p["id"]: p["votes_for"] for p in body["projects"]}[card["project"]["id"]] == 1
    campaign.show_live_tallies = True
    campaign.save_revision().publish()
    assert client.get(f"{API}/campaigns/{campaign.pk}/results").status_code == 200


def test_openapi_schema_documents_the_contract(client):
    schema = client.get(API + "/openapi.json").json()
    for path in ("/opengov/api/v1/campaigns/", "/opengov/api/v1/roulette/draw", "/opengov/api/v1/votes",
                 "/opengov/api/v1/campaigns/{campaign_id}/results"):
        assert path in schema["paths"], path


@override_settings(OPENGOV=FAST)
def test_project_page_shows_tallies_only_when_public(client, campaign, deck):
    card = draw(client, campaign)
    post(client, "/votes", {"ticket": card["ticket"], "choice": "against"})
    project = next(p for p in deck if p.pk == card["project"]["id"])
    assert client.get(project.url).context["tally"] is None
    campaign.show_live_tallies = True
    campaign.save_revision().publish()
    assert client.get(project.url).context["tally"] == {"votes_for": 0, "votes_against": 1}


# -- the cached snapshots of the hot path must never show residents something an editor has changed -------------


def test_an_editors_changes_reach_the_next_draw(client, campaign, deck):
    first = draw(client, campaign, categories=["roads"])
    project = next(p for p in deck if p.pk == first["project"]["id"])
    project.title = "Дорога, переименованная"
    project.save_revision().publish()
    seen = set()
    for i in range(6):
        client.cookies.pop("opengov_session", None)  # a new browsing session shows projects again
        seen.add(draw(client, campaign)["project"]["title"])
    assert "Дорога, переименованная" in seen

    campaign.unpublish()
    response = post(client, "/roulette/draw", {"campaign": campaign.pk})
    assert response.status_code == 400 and response.json()["error"] == "unknown_campaign"


@override_settings(OPENGOV=FAST)
def test_closing_the_window_refuses_votes_on_tickets_already_drawn(client, campaign, deck):
    card = draw(client, campaign)
    campaign.voting_end = timezone.now() - timedelta(minutes=1)
    campaign.save_revision().publish()
    response = post(client, "/votes", {"ticket": card["ticket"], "choice": "for"})
    assert response.status_code == 409 and response.json()["error"] == "voting_closed"
    assert Vote.objects.count() == 0


@override_settings(OPENGOV=FAST)
def test_a_device_cookie_from_before_ids_were_signed_in_still_votes(client, campaign, deck):
    from django.core import signing

    from wagtail_opengov import identity
    from wagtail_opengov.models import Participant

    participant = Participant.objects.create(token_hash=identity.keyed_hash("old-token", "device"))
    client.cookies["opengov_device"] = signing.get_cookie_signer(salt=identity.DEVICE_SALT).sign("old-token")
    card = draw(client, campaign)
    # Upgraded in place: same participant, new cookie carrying its id.
    assert identity.device_token_value(client.cookies["opengov_device"].value) == f"{participant.pk}:old-token"
    assert post(client, "/votes", {"ticket": card["ticket"], "choice": "for"}).status_code == 201
    assert Vote.objects.get().participant_id == participant.pk
    assert Participant.objects.count() == 1


@override_settings(OPENGOV=FAST)
def test_every_stored_vote_is_announced_once(client, campaign, deck):
    from wagtail_opengov.signals import vote_cast

    heard = []

    def listener(sender, vote, **kwargs):
        heard.append((vote.pk, vote.choice, vote.reason))

    vote_cast.connect(listener)
    try:
        card = draw(client, campaign)
        post(client, "/votes", {"ticket": card["ticket"], "choice": "against", "reason": "Слишком дорого"})
        post(client, "/votes", {"ticket": card["ticket"], "choice": "against", "reason": "ещё раз"})  # refused
    finally:
        vote_cast.disconnect(listener)
    stored = Vote.objects.get()
    assert heard == [(stored.pk, "against", "Слишком дорого")]
    assert stored.verification_level == 0
