import os

import pytest
from wagtail.models import Locale, Page, Site

from .factories import CampaignPageFactory, CategoryFactory


def pytest_collection_modifyitems(config, items):
    is_postgres = "postgres" in (os.environ.get("OPENGOV_TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or "")
    for item in items:
        if "postgres" in item.keywords and not is_postgres:
            item.add_marker(pytest.mark.skip(reason="needs OPENGOV_TEST_DATABASE_URL pointing at PostgreSQL"))


@pytest.fixture
def home(db):
    """The site's root page (Wagtail's initial "Welcome" page, in the default locale, ru)."""
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


@pytest.fixture
def locales(db):
    ru = Locale.get_default()
    kk, _ = Locale.objects.get_or_create(language_code="kk")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"ru": ru, "kk": kk, "en": en}


@pytest.fixture
def campaign(home):
    return CampaignPageFactory(parent=home, title="Бюджет участия 2027", slug="budget-2027")


@pytest.fixture
def category(db):
    return CategoryFactory(name="Дороги", slug="roads")


def root_page():
    return Page.get_first_root_node()
