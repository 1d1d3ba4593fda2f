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


@pytest.mark.parametrize(
    "value, expected_id",
    [
        ({"SUBMISSION_MAX_PHOTO_BYTES": "5MB"}, "wagtail_opengov.E101"),
        ({"SUBMISSION_MIN_SECONDS": -1}, "wagtail_opengov.E101"),
        ({"SUBMISSION_LIMITS": {"device": [(60, 1)]}}, "wagtail_opengov.E102"),
        ({"MESSAGE_LIMITS": {"thread": [(60, 0)]}}, "wagtail_opengov.E102"),
        ({"MESSAGE_LIMITS": {"thread": "5 per minute"}}, "wagtail_opengov.E102"),
    ],
)
def test_bad_submission_settings_are_reported_at_startup(value, expected_id):
    with override_settings(OPENGOV=value):
        assert [m.id for m in opengov_messages()] == [expected_id]


def test_submission_limits_may_be_switched_off_per_scope():
    with override_settings(OPENGOV={"SUBMISSION_LIMITS": {"participant": [], "ip": [(60, 3)]}}):
        assert opengov_messages() == []
