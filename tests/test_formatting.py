from datetime import date

import pytest
from django.utils import translation

from wagtail_opengov.templatetags.opengov_tags import day, money


@pytest.mark.parametrize(
    "language, expected",
    [("ru", "19\u00a0900\u00a0000\u00a0KZT"), ("kk", "19\u00a0900\u00a0000\u00a0KZT"), ("en", "19,900,000\u00a0KZT")],
)
def test_costs_are_grouped_in_every_language(language, expected):
    with translation.override(language):
        assert money(19900000, "KZT") == expected


def test_dates_read_naturally():
    with translation.override("ru"):
        assert day(date(2026, 10, 19)) == "19 октября 2026"
    with translation.override("kk"):
        assert day(date(2026, 10, 19)) == "19 қазан 2026"
    with translation.override("en"):
        assert day(date(2026, 10, 19)) == "19 October 2026"
