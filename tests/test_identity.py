"""Keyed identities of a vote's network: the /24 or /64 block that many phones of one operator share."""

import json

import pytest
from django.test import RequestFactory, override_settings

from wagtail_opengov import identity
from wagtail_opengov.models import RouletteSlot, Vote, VoteStatus

from .factories import CategoryFactory, admitted_project


@pytest.mark.parametrize(
    "address,subnet",
    [
        ("95.56.12.34", "95.56.12.0/24"),
        ("95.56.12.255", "95.56.12.0/24"),
        ("2a00:1838:37:1c4::17", "2a00:1838:37:1c4::/64"),
        ("2a00:1838:37:1c4:ffff:ffff:ffff:ffff", "2a00:1838:37:1c4::/64"),
        # An IPv4 client of a dual-stack server: its IPv4 /24, not ::/64 shared with every other IPv4 client.
        ("::ffff:95.56.12.34", "95.56.12.0/24"),
        ("::ffff:5f38:c22", "95.56.12.0/24"),
        ("", ""),
        ("not an address", ""),
    ],
)
def test_subnet_of(address, subnet):
    assert identity.subnet_of(address) == subnet


def test_ipv4_clients_of_a_dual_stack_server_in_two_cities_fall_in_two_buckets():
    almaty, astana = identity.subnet_of("::ffff:95.56.12.34"), identity.subnet_of("::ffff:178.89.5.1")
    assert almaty != astana
    assert identity.subnet_of("::ffff:95.56.12.34") == identity.subnet_of("95.56.12.200")


def test_client_address_is_the_ipv4_address_a_mapped_one_carries():
    factory = RequestFactory()
    assert identity.client_address(factory.get("/", REMOTE_ADDR="::ffff:95.56.12.34")) == "95.56.12.34"
    assert identity.client_address(factory.get("/", REMOTE_ADDR="2a00:1838::1")) == "2a00:1838::1"
    assert identity.client_address(factory.get("/", REMOTE_ADDR="")) == ""


API = "/opengov/api/v1"


def post(client, path, data, **extra):
    return client.post(API + path, json.dumps(data), content_type="application/json", **extra)


@pytest.mark.django_db
@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0, "VOTE_LIMITS": {"subnet": [(3600, 1)]}})
def test_a_quarantined_vote_gets_the_same_answer_as_a_counted_one(client, campaign):
    """Over a limit, the vote is stored as quarantined; the voter (or a script probing the limits) sees
    exactly the answer a counted vote gets. IPv4 clients of a dual-stack server are limited per /24."""
    category = CategoryFactory()
    for _ in range(3):
        admitted_project(campaign, category=category)
    answers = []
    # Two neighbours in one /24 (the second is over the limit), then someone in another city.
    for address in ("::ffff:95.56.12.1", "::ffff:95.56.12.2", "::ffff:178.89.5.1"):
        card = post(client, "/roulette/draw", {"campaign": campaign.pk}).json()
        response = post(client, "/votes", {"ticket": card["ticket"], "choice": "for"}, REMOTE_ADDR=address)
        assert response.json() == {"project": card["project"]["id"], "choice": "for"}
        answers.append((response.status_code, response["Content-Type"], sorted(response.cookies)))
    assert answers[0] == answers[1] == answers[2]
    assert list(Vote.objects.order_by("pk").values_list("status", flat=True)) == [
        VoteStatus.COUNTED, VoteStatus.QUARANTINED, VoteStatus.COUNTED
    ]
    assert sum(RouletteSlot.objects.values_list("votes_for", flat=True)) == 2
