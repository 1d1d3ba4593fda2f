from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from wagtail_opengov import tallies, voting
from wagtail_opengov.management.commands.opengov_recount import Command
from wagtail_opengov.models import RouletteSlot, VoteStatus

from .factories import CampaignPageFactory, CategoryFactory, admitted_project, new_participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_tickets():
    with override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0}):
        yield


@pytest.fixture
def deck(campaign):
    roads = CategoryFactory(slug="roads")
    return [admitted_project(campaign, category=roads, title=f"Дорога {i}") for i in range(3)]


def vote(participant, campaign, choice):
    card = voting.draw_card(participant=participant, campaigns=[campaign])
    return voting.cast_vote(participant=participant, ticket=card.ticket, choice=choice)


def recount(*args):
    out = StringIO()
    call_command("opengov_recount", *args, stdout=out)
    return out.getvalue()


def refused(*args):
    """Run the command expecting it to find differences; return (output, error)."""
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("opengov_recount", *args, stdout=out)
    return out.getvalue(), error.value


@pytest.fixture
def votes(campaign, deck):
    """Five participants vote on every project, FOR except the last one. Then, through the moderators' path, two
    FOR votes (one quarantined, one invalidated) and one AGAINST vote (quarantined) leave the count."""
    cast = []
    for i in range(5):
        participant = new_participant()
        cast += [vote(participant, campaign, "against" if i == 4 else "for") for _ in deck]
    voting.set_vote_status(cast[0], VoteStatus.QUARANTINED, "checking")
    voting.set_vote_status(cast[1], VoteStatus.INVALIDATED, "duplicate device")
    voting.set_vote_status(cast[-1], VoteStatus.QUARANTINED, "checking")
    return cast


def counters(project):
    slot = RouletteSlot.objects.get(project_id=project.pk)
    return slot.votes_for, slot.votes_against


def test_untampered_tallies_agree_and_only_counted_votes_count(campaign, deck, votes):
    assert tallies.recount() == []
    assert sum(counters(p)[0] for p in deck) == 4 * 3 - 2
    assert sum(counters(p)[1] for p in deck) == 3 - 1
    output = recount()
    assert f"Campaign {campaign.pk} (Бюджет участия 2027): 3 projects checked, no differences." in output
    assert "All stored tallies agree" in output


def test_a_tampered_tally_is_reported_and_the_command_fails(campaign, deck, votes):
    project = deck[1]
    expected = counters(project)
    RouletteSlot.objects.filter(project_id=project.pk).update(votes_for=99)

    assert tallies.recount() == [tallies.Difference(project.pk, campaign.pk, 99, expected[1], *expected)]
    output, error = refused()
    assert error.returncode == 1
    assert "1 stored tally differs" in str(error) and "--fix" in str(error)
    assert "3 projects checked, 1 difference." in output
    header, rule, row = output.splitlines()[1:4]
    assert header.split() == ["project", "title", "stored", "for", "stored", "against", "recounted", "for",
                              "recounted", "against"]
    assert set(rule.strip()) == {"-", " "}
    assert row.split() == [str(project.pk), project.title.split()[0], project.title.split()[1], "99",
                           str(expected[1]), str(expected[0]), str(expected[1])]
    assert counters(project) == (99, expected[1])  # only reported, not fixed


def test_fix_corrects_the_tallies_and_a_rerun_agrees(campaign, deck, votes):
    expected = {p.pk: counters(p) for p in deck}
    RouletteSlot.objects.filter(project_id=deck[0].pk).update(votes_for=0, votes_against=7)
    RouletteSlot.objects.filter(project_id=deck[2].pk).update(votes_against=5)
    assert {d.project_id for d in tallies.recount()} == {deck[0].pk, deck[2].pk}

    output = recount("--fix")
    assert "3 projects checked, 2 differences." in output and "Fixed 2 tallies" in output
    assert {p.pk: counters(p) for p in deck} == expected
    assert "All stored tallies agree" in recount()


def test_apply_recount_counts_votes_cast_since_the_check(campaign, deck, votes):
    project = deck[0]
    RouletteSlot.objects.filter(project_id=project.pk).update(votes_for=50)
    differences = tallies.recount()
    # A vote is cast on the same project after the check and before the fix: the fix recounts, it does not
    # write the stale figures.
    participant = new_participant()
    while (card := voting.draw_card(participant=participant, campaigns=[campaign])).project.pk != project.pk:
            voting.cast_vote(participant=participant, ticket=card.ticket, choice="against")
    voting.cast_vote(participant=participant, ticket=card.ticket, choice="for")
    fixed = tallies.apply_recount(differences)
    assert [(d.project_id, d.recounted_for) for d in fixed] == [(project.pk, differences[0].recounted_for + 1)]
    assert tallies.recount() == []
    assert tallies.apply_recount([]) == []


def test_a_campaign_can_be_checked_alone(home, campaign, deck, votes):
    other = CampaignPageFactory(parent=home, title="Другой бюджет")
    other_project = admitted_project(other, category=CategoryFactory())
    RouletteSlot.objects.filter(project_id=other_project.pk).update(votes_against=3)

    output = recount("--campaign", str(campaign.pk))
    assert "3 projects checked, no differences." in output and f"Campaign {other.pk} " not in output
    output, error = refused("--campaign", str(other.pk))
    assert error.returncode == 1 and "1 project checked, 1 difference." in output
    output, error = refused()
    assert f"Campaign {campaign.pk} " in output and f"Campaign {other.pk} " in output


def test_unknown_campaign_and_empty_campaign(campaign):
    assert "0 projects checked, no differences." in recount("--campaign", str(campaign.pk))
    assert "nothing to check" in recount()
    with pytest.raises(CommandError) as error:
        call_command("opengov_recount", "--campaign", "987654")
    assert error.value.returncode == 2


def test_exit_status_from_the_command_line(campaign, deck, votes, monkeypatch, capsys):
    # The status cron or a monitoring check sees. run_from_argv closes every connection when it finishes,
    # which would end this test's transaction: keep them open.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    Command().run_from_argv(["manage.py", "opengov_recount", "--skip-checks"])  # agrees: returns normally, status 0
    RouletteSlot.objects.filter(project_id=deck[0].pk).update(votes_for=1000)
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["manage.py", "opengov_recount", "--skip-checks"])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert "1000" in captured.out and "CommandError: 1 stored tally differs" in captured.err
    Command().run_from_argv(["manage.py", "opengov_recount", "--skip-checks", "--fix"])
    Command().run_from_argv(["manage.py", "opengov_recount", "--skip-checks"])


def test_help_explains_the_exit_status():
    out = StringIO()
    parser = Command().create_parser("manage.py", "opengov_recount")
    parser.print_help(out)
    text = out.getvalue()
    assert "--fix" in text and "--campaign ID" in text and "Exit status" in text
