"""A vote's status history: every change a moderator makes, a note-only one too, is kept with who, when and why,
and the admin shows it read-only."""

import pytest
from django.db import IntegrityError
from django.test import override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from wagtail_opengov import voting
from wagtail_opengov.models import RouletteSlot, Vote, VoteStatus, VoteStatusChange

from .factories import CategoryFactory, admitted_project, new_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("moderator", "m@example.kz", "pw", first_name="Айгуль")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def vote(campaign):
    admitted_project(campaign, category=CategoryFactory(), title="Сквер у школы")
    participant = new_participant()
    with override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0, "VOTE_LIMITS": {"participant": [(3600, 0)]}}):
        card = voting.draw_card(participant=participant, campaigns=[campaign])
        return voting.cast_vote(participant=participant, ticket=card.ticket, choice="for")


def history(vote):
    return list(VoteStatusChange.objects.filter(vote=vote).values_list("old_status", "new_status", "old_note", "note"))


def test_every_change_is_kept_note_only_ones_too(vote, django_user_model):
    moderator = django_user_model.objects.create_user("m")
    assert vote.status == VoteStatus.QUARANTINED and vote.status_note == "rate limit participant/3600s"
    voting.set_vote_status(vote, VoteStatus.COUNTED, "Проверено: разные люди", user=moderator)
    voting.set_vote_status(vote, VoteStatus.COUNTED, "Проверено: разные люди, один дом")
    voting.set_vote_status(vote, VoteStatus.COUNTED, "Проверено: разные люди, один дом")  # no change: no entry
    voting.set_vote_status(vote, VoteStatus.INVALIDATED, "Дубль")
    assert history(vote) == [
        ("quarantined", "counted", "rate limit participant/3600s", "Проверено: разные люди"),
        ("counted", "counted", "Проверено: разные люди", "Проверено: разные люди, один дом"),
        ("counted", "invalidated", "Проверено: разные люди, один дом", "Дубль"),
    ]
    first = VoteStatusChange.objects.filter(vote=vote).first()
    assert first.user == moderator and first.changed_at
    vote.refresh_from_db()
    assert (vote.status, vote.status_note) == (VoteStatus.INVALIDATED, "Дубль")
    assert RouletteSlot.objects.get(project_id=vote.project_id).votes_for == 0


def test_the_history_entry_is_written_with_the_change_or_not_at_all(vote, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(Vote, "save", broken_save)
    with pytest.raises(IntegrityError):
        voting.set_vote_status(vote, VoteStatus.COUNTED, "Проверено")
    assert history(vote) == []
    assert RouletteSlot.objects.get(project_id=vote.project_id).votes_for == 0


def test_the_admin_keeps_and_shows_each_change(editor, vote):
    edit = reverse("opengov_votes:edit", args=[vote.pk])
    editor.post(edit, {"status": VoteStatus.COUNTED, "status_note": "Проверено"})
    editor.post(edit, {"status": VoteStatus.COUNTED, "status_note": "Проверено по звонку"})
    assert history(vote) == [
        ("quarantined", "counted", "rate limit participant/3600s", "Проверено"),
        ("counted", "counted", "Проверено", "Проверено по звонку"),
    ]
    assert VoteStatusChange.objects.filter(vote=vote, user=editor.user).count() == 2
    entry = ModelLogEntry.objects.filter(object_id=str(vote.pk)).order_by("pk").first()
    assert entry.data == {"old_status": "quarantined", "new_status": "counted", "note": "Проверено"}
    for url in (reverse("opengov_votes:inspect", args=[vote.pk]), edit):
        html = editor.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Status history" in html
        assert html.count("Проверено по звонку") >= 1 and "rate limit participant/3600s" in html
        assert "Айгуль" in html
    # Read-only: the history is not part of the form.
    assert "old_status" not in editor.get(edit).content.decode()


def test_a_vote_never_changed_says_so(editor, vote):
    html = editor.get(reverse("opengov_votes:inspect", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "has not been changed since it was cast" in html


def test_cast_at_and_the_history_show_the_same_local_time(editor, vote):
    import datetime as dt

    instant = dt.datetime(2026, 3, 1, 6, 30, tzinfo=dt.UTC)  # 11:30 in Almaty (TIME_ZONE)
    voting.set_vote_status(vote, VoteStatus.COUNTED, "Проверено")
    Vote.objects.filter(pk=vote.pk).update(created_at=instant)
    VoteStatusChange.objects.filter(vote=vote).update(changed_at=instant)
    html = editor.get(reverse("opengov_votes:inspect", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    cast_at = html.split("<dt>Cast at</dt>", 1)[1].split("</dd>", 1)[0]
    changed_at = html.split('id="og-vote-history"', 1)[1].split("<td>", 1)[1].split("</td>", 1)[0]
    assert "11:30" in cast_at and "6:30" not in cast_at
    assert " ".join(cast_at.replace("<dd>", "").split()) == changed_at.strip()


def test_a_change_made_by_no_one_shows_a_dash(editor, vote):
    # A change from code (a command, a task) has no user; the history still opens.
    voting.set_vote_status(vote, VoteStatus.COUNTED, "Проверено автоматически")
    response = editor.get(reverse("opengov_votes:inspect", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    row = response.content.decode().split('id="og-vote-history"', 1)[1].split("<tbody>", 1)[1]
    assert "<td>—</td>" in row and "Проверено автоматически" in row
