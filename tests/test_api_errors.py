"""Every 4xx of the API is {"error": code, "message": translated}, also when django-ninja or Django would have
answered in their own words (an unparsable body, a method an address does not take, an unknown address), and an
id no page can have is a 400, never a 500."""

import json

import pytest
from django.utils import translation

from .factories import CategoryFactory, admitted_project

pytestmark = pytest.mark.django_db
API = "/opengov/api/v1"
# The catalogue's Kazakh for "The request is not valid. Check these fields: %(fields)s."
KK_INVALID = "Сұрау дұрыс емес. Мына өрістерді тексеріңіз: "


def error_of(response, status):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "message"} and body["message"], body
    return body


@pytest.mark.parametrize("path", ["/votes", "/roulette/draw"])
@pytest.mark.parametrize(
    "body,content_type",
    [("{not json", "application/json"), ("ticket=x&choice=for", "application/x-www-form-urlencoded"),
     ("hello", "text/plain"), (b"\xff\xfe", "application/json")],
    ids=["malformed", "form-encoded", "text", "not-utf8"],
)
def test_a_body_that_is_not_json_gets_the_error_shape_in_the_visitors_language(client, campaign, path, body,
                                                                               content_type):
    response = client.post(API + path, body, content_type=content_type, HTTP_ACCEPT_LANGUAGE="kk")
    body = error_of(response, 400)
    assert body["error"] == "invalid_request"
    assert body["message"] == KK_INVALID + "body."


def test_a_method_an_address_does_not_take_gets_the_error_shape(client, campaign):
    for method, path, allowed in [("get", "/roulette/draw", "POST"), ("put", "/votes", "POST"),
                                  ("post", "/campaigns/", "GET"), ("delete", f"/campaigns/{campaign.pk}/results", "GET")]:
        response = getattr(client, method)(API + path, HTTP_ACCEPT_LANGUAGE="ru")
        body = error_of(response, 405)
        assert body["error"] == "method_not_allowed" and response["Allow"] == allowed
        with translation.override("ru"):
            assert body["message"] == translation.gettext(
                "This address does not accept %(method)s requests; it accepts %(allowed)s."
            ) % {"method": method.upper(), "allowed": allowed}


@pytest.mark.parametrize("path", ["/nope", "/campaigns/1/nope", "/", "/roulette/draw/extra"])
def test_an_address_the_api_does_not_have_gets_the_error_shape_not_a_redirect(client, path):
    for method in ("get", "post"):
        response = getattr(client, method)(API + path, HTTP_ACCEPT_LANGUAGE="kk")
        body = error_of(response, 400)
        assert body["error"] == "not_found"
        with translation.override("kk"):
            assert body["message"] == translation.gettext("There is nothing at this address in the API.")


def test_a_body_over_djangos_limit_gets_the_error_shape(client, campaign, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(API + "/votes", json.dumps({"ticket": "x" * 2000, "choice": "for"}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="kk")
    assert error_of(response, 413)["error"] == "request_too_large"


HUGE = [10**30, 2**63, 2**31, 0, -1]


@pytest.mark.parametrize("campaign_id", HUGE)
def test_an_id_no_page_can_have_is_a_translated_400(client, campaign, campaign_id, django_user_model):
    admitted_project(campaign, category=CategoryFactory())
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.kz", "pw"))
    draw = client.post(API + "/roulette/draw", json.dumps({"campaign": campaign_id}),
                       content_type="application/json", HTTP_ACCEPT_LANGUAGE="kk")
    assert error_of(draw, 400) == {"error": "invalid_request", "message": KK_INVALID + "campaign."}
    for path in ("results", "fairness", "objections/stats"):
        response = client.get(f"{API}/campaigns/{campaign_id}/{path}", HTTP_ACCEPT_LANGUAGE="kk")
        assert error_of(response, 400) == {"error": "invalid_request", "message": KK_INVALID + "campaign_id."}, path


def test_the_largest_page_id_is_still_an_unknown_campaign(client, campaign):
    draw = client.post(API + "/roulette/draw", json.dumps({"campaign": 2**31 - 1}), content_type="application/json")
    assert error_of(draw, 400)["error"] == "unknown_campaign"
    assert error_of(client.get(f"{API}/campaigns/{2**31 - 1}/results"), 400)["error"] == "unknown_campaign"


def test_the_campaign_snapshot_of_an_id_no_page_can_have_is_none():
    from wagtail_opengov import snapshots

    assert snapshots.campaign_state(10**30) is None and snapshots.campaign_state(0) is None


def test_a_draw_filtered_on_more_categories_than_any_campaign_has_is_a_translated_400(client, campaign):
    admitted_project(campaign, category=CategoryFactory())
    draw = client.post(API + "/roulette/draw", json.dumps({"campaign": campaign.pk, "categories": ["x"] * 51}),
                       content_type="application/json", HTTP_ACCEPT_LANGUAGE="kk")
    assert error_of(draw, 400) == {"error": "invalid_request", "message": KK_INVALID + "categories."}
