"""Real-browser harness: Playwright driving Debian's Chromium (a browser download does not work here).

Skips when Chromium, Playwright or axe-core is missing, unless OPENGOV_REQUIRE_BROWSER=1 (set in CI), where a
missing part is a failure."""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REQUIRED = os.environ.get("OPENGOV_REQUIRE_BROWSER") == "1"


def _missing(reason):
    if REQUIRED:
        pytest.fail(f"{reason} (OPENGOV_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def chromium_path():
    for candidate in (os.environ.get("OPENGOV_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        _missing("Chromium not found: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright not installed: pip install playwright")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a small phone
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    if not AXE.exists():
        _missing("axe-core not installed: npm install (in the repository root)")
    source = AXE.read_text()

    def run(page):
        page.add_script_tag(content=source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        return serious, json.dumps(
            [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in serious],
            ensure_ascii=False,
            indent=1,
        )

    return run


@pytest.fixture
def desktop_page(browser):
    # The Wagtail admin on a desktop screen, in Russian (Wagtail has no Kazakh admin catalogue).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    yield page
    context.close()


def admin_login(page, base_url, username, password):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base_url + "/admin/")
