import os

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, Site

from .factories import CampaignPageFactory, CategoryFactory


def pytest_collection_modifyitems(config, items):
    is_postgres = "postgres" in (os.environ.get("OPENGOV_TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or "")
    for item in items:
        if "postgres" in item.keywords and not is_postgres:
            item.add_marker(pytest.mark.skip(reason="needs OPENGOV_TEST_DATABASE_URL pointing at PostgreSQL"))


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters live in the cache; ids are reused after each test's rollback.
    from django.core.cache import cache

    from wagtail_opengov import snapshots

    cache.clear()
    snapshots._memo.clear()  # the per-process campaign memo, for the same reason


@pytest.fixture(autouse=True)
def _default_language():
    # Requests through the test client leave their language active in this thread; start each test clean.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def home(db):
    """The site's root page (Wagtail's initial "Welcome" page, in the default locale, ru).

    Transactional tests (the browser ones) flush the database afterwards, taking the rows Wagtail's migrations
    created with them, so the tree is rebuilt when it is missing."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        locale, _ = Locale.objects.get_or_create(language_code="ru")
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        welcome = root.add_child(instance=Page(title="Welcome", slug="home", locale=locale))
        site = Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
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


