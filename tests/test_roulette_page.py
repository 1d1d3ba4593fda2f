"""The full-page Roulette without JavaScript: a refused vote keeps its 4xx status and translated message, shows a
card again (the same one when its ticket is still usable) and keeps the reason the resident typed."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from wagtail_opengov.models import Vote

from .factories import admitted_project

pytestmark = pytest.mark.django_db
REASON = "Тротуар уже отремонтировали <b>в прошлом году</b>"


@pytest.fixture
def deck(campaign, category):
    return [admitted_project(campaign, title=f"Проект {i}", category=category) for i in range(4)]


def draw(client, campaign):
    response = client.post(campaign.roulette_url, {"action": "draw"})
    assert response.status_code == 200
    return response.context["card"]


def vote(client, campaign, card, choice="against", reason=REASON):
    return client.post(campaign.roulette_url, {"action": "vote", "ticket": card.ticket, "choice": choice,
                                               "reason": reason})


def test_a_vote_too_fast_shows_the_same_card_with_the_reason_and_choice_kept(campaign, deck):
    resident = Client()
    card = draw(resident, campaign)
    response = vote(resident, campaign, card)  # sooner than TICKET_MIN_SECONDS after the draw
    html = response.content.decode()
    assert response.status_code == 429
    assert "Пожалуйста, прочитайте описание проекта перед голосованием." in html
    shown = response.context["card"]
    assert shown.project_id == card.project_id and shown.ticket == card.ticket
    assert f'value="{card.ticket}"' in html and card.project.title in html
    assert "Тротуар уже отремонтировали &lt;b&gt;в прошлом году&lt;/b&gt;</textarea>" in html
    assert 'value="against" checked' in html
    assert not Vote.objects.exists()
    with override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0}):
        again = vote(resident, campaign, shown)
    assert again.status_code == 200
    stored = Vote.objects.get()
    assert stored.project_id == card.project_id and stored.choice == "against"
    assert stored.reason == "Тротуар уже отремонтировали в прошлом году"


def test_a_vote_without_a_choice_shows_the_same_card(campaign, deck):
    resident = Client()
    card = draw(resident, campaign)
    response = vote(resident, campaign, card, choice="")
    assert response.status_code == 400 and response.context["card"].ticket == card.ticket
    assert "Выберите ЗА или ПРОТИВ." in response.content.decode()


@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0, "TICKET_MAX_AGE": 0})
def test_an_expired_card_shows_the_next_one_with_the_typed_reason_in_its_field(campaign, deck):
    resident = Client()
    card = draw(resident, campaign)
    response = vote(resident, campaign, card)
    html = response.content.decode()
    assert response.status_code == 410
    assert "Срок действия карточки проекта истек." in html
    following = response.context["card"]
    assert following is not None and following.project_id != card.project_id
    assert f'value="{following.ticket}"' in html
    assert "Тротуар уже отремонтировали &lt;b&gt;в прошлом году&lt;/b&gt;</textarea>" in html
    assert 'aria-describedby="og-reason-kept"' in html  # said it belongs to the previous card, not sent
    assert 'value="against" checked' not in html  # a choice is never carried over to another project
    assert not Vote.objects.exists()


@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0})
def test_when_voting_closed_meanwhile_the_reason_stays_on_the_page(campaign, deck):
    resident = Client()
    card = draw(resident, campaign)
    campaign.voting_end = timezone.now() - timedelta(minutes=1)
    campaign.save_revision().publish()
    response = vote(resident, campaign, card)
    html = response.content.decode()
    assert response.status_code == 409 and response.context["card"] is None
    assert "В этой кампании голосование сейчас не проводится." in html
    assert 'id="og-reason-unsent"' in html and "Тротуар уже отремонтировали &lt;b&gt;" in html
    assert not Vote.objects.exists()


@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0})
def test_an_accepted_vote_shows_the_next_card_with_an_empty_reason(campaign, deck):
    resident = Client()
    card = draw(resident, campaign)
    response = vote(resident, campaign, card)
    assert response.status_code == 200 and not response.context["errors"]
    assert response.context["card"].project_id != card.project_id
    assert "</textarea>" in response.content.decode() and REASON[:10] not in response.content.decode()


def test_a_ticket_gives_back_its_card_only_to_its_participant_while_the_project_exists(campaign, deck):
    from wagtail_opengov import voting

    from .factories import new_participant

    resident, other = new_participant(), new_participant()
    card = voting.draw_card(participant=resident, campaigns=[campaign])
    again = voting.card_for_ticket(card.ticket, resident)
    assert (again.project_id, again.ticket, again.project.title) == (card.project_id, card.ticket, card.project.title)
    assert voting.card_for_ticket(card.ticket, resident.pk).project_id == card.project_id
    assert voting.card_for_ticket(card.ticket, other) is None
    assert voting.card_for_ticket(card.ticket + "x", resident) is None
    assert voting.card_for_ticket("", resident) is None
    with override_settings(OPENGOV={"TICKET_MAX_AGE": -1}):
        assert voting.card_for_ticket(card.ticket, resident) is None
    card.project.delete()
    assert voting.card_for_ticket(card.ticket, resident) is None
