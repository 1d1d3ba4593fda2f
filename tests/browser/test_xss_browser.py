"""An XSS corpus through every text a resident (or the staff answering them) writes, then every page that shows it,
in a real Chromium: nothing runs, and no link a visitor could click carries a script or data: address.

The texts go in through the product's own doors: the comment, reply and complaint forms and the votes API (HTTP),
the submission and message rules, the checkpoint's workflow actions (HTTP, as the commission), the monitoring
group's answer. Each payload calls ``__pwned(n)`` (or ``alert``); an init script in every frame reports calls on
the console, so a payload that runs anywhere (inner frames included) is seen. Each payload starts with a marker
(``P07``) outside any tag, so the test also sees that the text did reach the page: an empty page would prove
nothing. Plain-text fields must not show a payload's tags even as words, and the commission must still be told of
each submission by email (a line break in a title used to drop the mail)."""

import io
import json
import math
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wagtail_opengov import objections, roles
from wagtail_opengov.models import (
    CheckpointDecision,
    Comment,
    Objection,
    ProjectPage,
    Submission,
    Vote,
)
from wagtail_opengov.submissions import post_message, submit_project

from ..factories import CampaignPageFactory, CategoryFactory, StateBodyFactory
from ..test_checkpoint import CHECKLIST, act
from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_PAYLOADS = [
    "<script>__pwned(1)</script>",
    "<img src=x onerror=__pwned(2)>",
    "<svg onload=__pwned(3)>",
    "<svg><script>__pwned(4)</script></svg>",
    '<a href="javascript:__pwned(5)">click</a>',
    '<a href="jAvAsCrIpT:__pwned(6)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__pwned(7)">click</a>',
    '<a href="java\tscript:__pwned(8)">click</a> <a href=" &#14; javascript:__pwned(8)">click</a>',
    "&lt;img src=x onerror=__pwned(9)&gt;",
    "&amp;lt;script&amp;gt;__pwned(10)&amp;lt;/script&amp;gt;",
    "%3Cscript%3E__pwned(11)%3C%2Fscript%3E <a href=\"javascript%3A__pwned(11)\">click</a>",
    '<iframe srcdoc="<script>top.__pwned(12)</script>"></iframe>',
    '<iframe srcdoc="&lt;script&gt;top.__pwned(13)&lt;/script&gt;"></iframe>',
    '<div style="background:url(javascript:__pwned(14));width:expression(__pwned(14))">x</div>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=">click</a>',
    '<iframe src="data:text/html,<script>alert(16)</script>"></iframe>',
    '"><script>__pwned(17)</script>',
    "'><img src=x onerror=__pwned(18)>",
    "</textarea><script>__pwned(19)</script>",
    "</title><script>__pwned(20)</script>",
    "</script><script>__pwned(21)</script>",
    '<math><mtext><table><mglyph><style><img src=x onerror=__pwned(22)>',
    '<noscript><p title="</noscript><img src=x onerror=__pwned(23)>">',
    "<details open ontoggle=__pwned(24)>x</details>",
    '<form><button formaction="javascript:__pwned(25)">go</button></form>',
    '<object data="javascript:__pwned(26)"></object><embed src="javascript:__pwned(26)">',
    "<input autofocus onfocus=__pwned(27)>",
    "https://example.kz/?q=\"onmouseover=\"__pwned(28)\" javascript:__pwned(28)",
    # Six layers of entities; P31 below has five, as many as plain_text() peels off.
    "&amp;amp;amp;amp;amp;lt;script&amp;amp;amp;amp;amp;gt;__pwned(29)"
    "&amp;amp;amp;amp;amp;lt;/script&amp;amp;amp;amp;amp;gt;",
    "{{ 7|add:7 }} {% csrf_token %} ${__pwned(30)} <a href=\"vbscript:__pwned(30)\">click</a>",
    "&amp;amp;amp;amp;lt;script&amp;amp;amp;amp;gt;__pwned(31)&amp;amp;amp;amp;lt;/script&amp;amp;amp;amp;gt;",
]
PAYLOADS = [f"P{n:02d} {text}" for n, text in enumerate(_PAYLOADS, start=1)]
MARKERS = [payload[:3] for payload in PAYLOADS]
ALL = "\n".join(PAYLOADS)  # one text with the whole corpus, for detail pages (fits every length limit)
API = "/opengov/api/v1"
UNLIMITED = [(60, 100000)]

WATCH = """
window.__xss = [];
Object.defineProperty(window, "__pwned", {value: function (n) {
    window.__xss.push(n);
    console.log("__pwned:" + n);
}, writable: false});
"""

# Rendered content must hold no live markup from a payload and no link or frame a visitor could use to run script.
INSPECT = r"""() => {
    const bad = [];
    const norm = (v) => (v || "").replace(/[\u0000-\u0020]/g, "").toLowerCase();
    const dangerous = /^(javascript|vbscript|data):/;
    for (const el of document.querySelectorAll("*")) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(name)
                && dangerous.test(norm(attr.value)) && !(el.tagName === "IMG" && name === "src")) {
                bad.push(`${el.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 80)}"`);
            }
            if (name === "srcdoc" || (name.startsWith("on") && /pwned|alert/.test(attr.value))
                || (name === "style" && /expression|javascript/i.test(attr.value))) {
                bad.push(`${el.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 80)}"`);
            }
        }
    }
    // The browser's own reading of each link's address, whatever encoding hid its scheme.
    for (const link of document.querySelectorAll("a[href], area[href]")) {
        if (["javascript:", "data:", "vbscript:"].includes(link.protocol)) {
            bad.push(`${link.tagName.toLowerCase()} to ${link.protocol} ${link.getAttribute("href").slice(0, 80)}`);
        }
    }
    for (const script of document.scripts) {
        if (/pwned/.test(script.textContent) && !/json/.test(script.type)) {
            bad.push(`script: ${script.textContent.slice(0, 80)}`);
        }
    }
    return bad;
}"""

# A whole tag (a tag cut off by a length limit, at the end of a text, is left as it is).
MARKUP = re.compile(r"<\s*/?\s*(script|img|svg|iframe|a|div|math|object|embed|input|details|noscript|form)\b[^<>\n]*>",
                    re.IGNORECASE)
SHOWN = """(selector) => [...Array.from(document.querySelectorAll(selector), (element) => element.innerText),
    ...Array.from(document.querySelectorAll("input, textarea"), (field) => field.value)].join("\\n")"""


def chunks(texts, limit):
    """Group texts into as few chunks as fit ``limit`` characters each."""
    groups, current = [], ""
    for text in texts:
        if current and len(current) + 1 + len(text) > limit:
            groups.append(current)
            current = ""
        current = f"{current} {text}".strip()
    return groups + [current]


def relaxed_limits(settings):
    settings.OPENGOV = {
        "TICKET_MIN_SECONDS": 0,
        "VOTE_LIMITS": {"participant": UNLIMITED, "ip": UNLIMITED, "subnet": UNLIMITED},
        "COMMENT_LIMITS": {"participant": UNLIMITED, "ip": UNLIMITED},
        "SUBMISSION_LIMITS": {"participant": UNLIMITED, "ip": UNLIMITED},
        "MESSAGE_LIMITS": {"thread": UNLIMITED, "ip": UNLIMITED},
    }


def vote_against(campaign, reason):
    client = Client()  # a new device: a new participant
    card = client.post(f"{API}/roulette/draw", json.dumps({"campaign": campaign.pk}),
                       content_type="application/json").json()
    response = client.post(f"{API}/votes", json.dumps({"ticket": card["ticket"], "choice": "against",
                                                       "reason": reason}), content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.fixture
def corpus(home, settings, django_user_model, mailoutbox):
    relaxed_limits(settings)
    call_command("opengov_setup", stdout=io.StringIO())
    category = CategoryFactory(name="Дороги", slug="roads")
    body = StateBodyFactory(name="Управление благоустройства", slug="blag")
    campaign = CampaignPageFactory(parent=home, title="Бюджет участия", slug="budget")
    commissioner = django_user_model.objects.create_user("commissioner", "c@example.kz", "pw")
    commissioner.groups.add(Group.objects.get(name=roles.COMMISSION))
    django_user_model.objects.create_superuser("admin", "admin@example.kz", "pw-admin")
    staff = Client()

    # Residents submit projects: the corpus in titles (at most 200 characters) and descriptions.
    tokens = {}
    for text in chunks(PAYLOADS, 200):
        project, token = submit_project(campaign, {
            "title": text, "summary": (text + " " + ALL)[:600], "category": category, "contact": "+77010000000",
            "contact_name": text[:100], "estimated_cost": None,
        })
        tokens[project.pk] = token
    submitted = list(ProjectPage.objects.filter(pk__in=tokens).order_by("pk"))
    # Wagtail tells the commission of each one by email, the title in the subject.
    told = [message.subject for message in mailoutbox if commissioner.email in message.to]
    untold = [project.title for project in submitted if not any(project.title in subject for subject in told)]
    assert not untold, f"the commission was not told of: {untold}"
    thread = Submission.objects.get(project=submitted[0])
    for payload in [*PAYLOADS, ALL]:
        post_message(thread, payload, user=commissioner)
    post_message(Submission.objects.get(project=submitted[1]), ALL)  # the resident answers too

    # The commission admits the first, sends the second back, rejects the third in public, all with the corpus.
    admitted, returned, rejected = submitted[:3]
    assert act(staff, commissioner, admitted, "approve",
               {**CHECKLIST, "responsible_body": body.pk, "comment": ALL}).status_code == 200
    assert act(staff, commissioner, returned, "request_changes", {"comment": ALL}).status_code == 200
    assert act(staff, commissioner, rejected, "reject", {"reason": ALL, "publish": "on"}).status_code == 200
    admitted = ProjectPage.objects.get(pk=admitted.pk)
    assert admitted.live and ProjectPage.objects.get(pk=rejected.pk).live

    # Residents comment, reply, complain and vote AGAINST on the admitted project, each with every payload.
    resident = Client()
    comment_url = admitted.url + admitted.reverse_subpage("comment")
    complain_url = admitted.url + admitted.reverse_subpage("complain")
    for payload in [*PAYLOADS, ALL]:
        response = resident.post(comment_url, {"text": payload, "author_name": payload[:80], "is_objection": "on"})
        assert response.status_code == 302, payload
    first = Comment.objects.order_by("pk").first()
    for payload in [*PAYLOADS, ALL]:
        assert resident.post(comment_url, {"text": payload, "parent": first.pk}).status_code == 302
        assert resident.post(complain_url, {"reason": payload}).status_code == 302
        vote_against(campaign, payload)
    assert resident.post(complain_url, {"reason": ALL, "comment": first.pk}).status_code == 302

    # The monitoring group answers every objection in public, with the corpus again.
    for index, objection in enumerate(Objection.objects.order_by("pk")):
        objections.answer(objection, PAYLOADS[index % len(PAYLOADS)] if index % 7 else ALL)

    whole = {
        "comment": Comment.objects.filter(text__contains=MARKERS[-1], parent=None).order_by("-pk").first(),
        "reply": Comment.objects.exclude(parent=None).order_by("-pk").first(),
        "vote": Vote.objects.order_by("-pk").first(),
    }
    return {
        "campaign": campaign, "admitted": admitted, "rejected": rejected, "submitted": submitted,
        "tokens": tokens, "whole": whole,
    }


@pytest.fixture
def watched(browser):
    """New browser windows that report any payload that runs: console calls from every frame, and dialogs."""
    contexts, fired = [], []

    def open_window():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
        context.add_init_script(WATCH)
        # Wagtail's page editor pings its editing session in the background and sends a release beacon when the
        # page is left, while the next page loads. On the test run's in-memory SQLite, the live server's threads
        # share one connection, and that overlapping request could leave the next pages unrendered. The editing
        # session is not what this test is about.
        context.route("**/admin/editing-sessions/**", lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: message.text.startswith("__pwned:") and fired.append(
            f"{page.url}: {message.text}"))
        page.on("dialog", lambda dialog: (fired.append(f"{page.url}: dialog {dialog.message!r}"), dialog.dismiss()))
        return page

    yield open_window, fired
    for context in contexts:
        context.close()


def test_no_payload_runs_on_any_page_that_shows_residents_text(live_server, watched, corpus):
    open_window, fired = watched
    problems = []
    base = live_server.url

    def visit(page, url, expect, plain="body"):
        """Open ``url``; ``plain`` selects what shows only plain-text fields (a comment's safe links are HTML)."""
        response = page.goto(base + url)
        page.wait_for_load_state("networkidle")
        if response is None or response.status >= 400:
            problems.append(f"{url}: HTTP {response.status if response else '?'}")
            return
        problems.extend(f"{url}: {found}" for found in page.evaluate(INSPECT))
        shown = page.evaluate(SHOWN, "body")
        missing = [marker for marker in expect if marker not in shown]
        if missing:
            problems.append(f"{url}: the texts did not reach the page ({', '.join(missing)} missing)")
        # Plain-text fields hold no markup: a payload's tags are gone, and not shown as words either.
        if plain:
            text = page.evaluate(SHOWN, plain)
            problems.extend(f"{url}: markup shown as text: {m.group(0)!r}" for m in MARKUP.finditer(text))
        if page.evaluate("window.__xss.length"):
            problems.append(f"{url}: __pwned({page.evaluate('window.__xss')})")

    # -- what residents see ---------------------------------------------------------------------------------
    resident = open_window()
    admitted, rejected = corpus["admitted"], corpus["rejected"]
    visit(resident, admitted.url, MARKERS, plain=".og-project-header, .og-answers")
    # The links kept in comments lead to web addresses only, and tell search engines they are residents' links.
    links = resident.eval_on_selector_all(".og-comment__text a", "(links) => links.map((a) => [a.protocol, a.rel])")
    assert links and all(protocol in ("http:", "https:", "mailto:") and "nofollow" in rel for protocol, rel in links)
    visit(resident, corpus["campaign"].objections_url, MARKERS)
    visit(resident, rejected.url, MARKERS)
    for project in corpus["submitted"]:
        markers = MARKERS if project == corpus["submitted"][0] else [project.title[:3]]
        visit(resident, reverse("opengov_track", args=[corpus["tokens"][project.pk]]), markers)

    # -- what the staff see in the admin ---------------------------------------------------------------------
    admin = open_window()
    admin_login(admin, base, "admin", "pw-admin")
    visit(admin, "/admin/", [])
    visit(admin, f"/admin/pages/{corpus['campaign'].pk}/", [p.title[:3] for p in corpus["submitted"]])
    pages = math.ceil(Objection.objects.count() / 20)
    for number in range(1, pages + 1):
        visit(admin, f"/admin/opengov_objections/?p={number}", ["P"])
    whole = Objection.objects.filter(text__contains=MARKERS[0]).filter(text__contains=MARKERS[-1])
    assert whole.count() == 4  # from a comment, a complaint, a vote and a complaint about a comment
    for objection in whole:
        visit(admin, reverse("opengov_objections:edit", args=[objection.pk]), MARKERS)
        visit(admin, reverse("opengov_objections:inspect", args=[objection.pk]), MARKERS)
    visit(admin, reverse("wagtail_opengov_objection_stats"), [])
    for number in range(1, math.ceil(Comment.objects.count() / 20) + 1):
        visit(admin, f"/admin/opengov_comments/?p={number}", ["P"])
    for comment in (corpus["whole"]["comment"], corpus["whole"]["reply"]):
        # The inspect view shows the stored comment as it is: its safe links appear as HTML source, as text.
        visit(admin, reverse("opengov_comments:inspect", args=[comment.pk]), MARKERS, plain=None)
        visit(admin, reverse("opengov_comments:edit", args=[comment.pk]), [])
    visit(admin, reverse("opengov_votes:index"), [])
    visit(admin, reverse("opengov_votes:inspect", args=[corpus["whole"]["vote"].pk]), MARKERS)
    visit(admin, reverse("wagtail_opengov_submissions"), [p.title[:3] for p in corpus["submitted"]])
    for project in corpus["submitted"]:
        markers = MARKERS if project == corpus["submitted"][0] else [project.title[:3]]
        visit(admin, reverse("wagtail_opengov_submission_thread", args=[project.pk]), markers)
        visit(admin, reverse("wagtailadmin_pages:edit", args=[project.pk]), [project.title[:3]])
    visit(admin, reverse("opengov_checkpoint_decisions:index"), [p.title[:3] for p in corpus["submitted"][:3]])
    for decision in CheckpointDecision.objects.all():
        visit(admin, reverse("opengov_checkpoint_decisions:inspect", args=[decision.pk]), MARKERS)

    assert not fired, "\n".join(fired)
    assert not problems, "\n".join(problems)


def test_the_corpus_is_armed_and_the_watch_sees_it(watched):
    """The same payloads, put into a page raw: they run and the watch reports them, and the inspection flags
    their links. Without this, a silent watch would make the test above pass for the wrong reason."""
    open_window, fired = watched
    page = open_window()
    flagged = []
    for payload in _PAYLOADS:  # one page each: an unclosed <style> or <noscript> would swallow the rest
        page.set_content(f"<div>{payload}</div>")
        page.wait_for_timeout(50)
        flagged.extend(page.evaluate(INSPECT))
    ran = {int(n) for n in page.evaluate("window.__xss")} | {int(f.rsplit(":", 1)[1]) for f in fired
                                                             if "__pwned:" in f}
    assert {1, 2, 3, 4, 12, 13, 17, 18, 19, 20, 21, 23, 24} <= ran, sorted(ran)
    assert any("dialog" in f for f in fired), fired  # the data: frame's alert(16)
    flagged = " ".join(flagged)
    for dangerous in ("javascript:__pwned(5)", "jAvAsCrIpT", "data:text/html", "formaction", "srcdoc", "onerror"):
        assert dangerous in flagged, dangerous
