import pytest
from django.core.checks import Error, run_checks
from django.test import override_settings

pytestmark = pytest.mark.django_db


def opengov_messages():
    return [m for m in run_checks() if m.id and m.id.startswith("wagtail_opengov.")]


def test_defaults_pass_the_checks():
    assert opengov_messages() == []


@pytest.mark.parametrize(
    "value, expected_id",
    [
        ("not a dict", "wagtail_opengov.E001"),
        ({"PROJECTS_PER_PAGE": 0}, "wagtail_opengov.E002"),
        ({"PROJECTS_PER_PAGE": "12"}, "wagtail_opengov.E002"),
        ({"BASE_TEMPLATE": ""}, "wagtail_opengov.E003"),
        ({"CURRENCY": "tenge"}, "wagtail_opengov.E004"),
        ({"SHUFFLE_COOKIE_AGE": -1}, "wagtail_opengov.E005"),
        ({"PROJECT_PER_PAGE": 10}, "wagtail_opengov.W001"),
    ],
)
def test_bad_settings_are_reported_at_startup(value, expected_id):
    with override_settings(OPENGOV=value):
        messages = opengov_messages()
    assert [m.id for m in messages] == [expected_id]
    if expected_id.startswith("wagtail_opengov.E"):
        assert isinstance(messages[0], Error)
