"""Build (or complete) a demo akimat site in ru, kk and en. Safe to run again: existing objects are kept."""

import os
import random
import secrets
import time
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from sandbox.home import demo_content as C
from sandbox.home.models import HomePage
from wagtail_opengov.models import Area, CampaignPage, Category, ProjectPage, ProjectStageChange, StateBody
from wagtail_opengov.models.checkpoint import admit_project

LANGS = C.LANGS
DAY = timedelta(days=1)

# Paths walked from "submitted": (count, steps, days-ago window of the submission) for the open campaign,
# (count, steps) for the closed one. A step is a stage or (stage, reason key, window key).
OPEN_PLAN = [
    (45, ["under_review", "admitted"], (40, 22)),
    (3, ["under_review", ("submitted", "returned"), "under_review", "admitted"], (40, 33)),
    (4, [], (6, 1)),
    (4, ["under_review"], (16, 5)),
    (3, ["under_review", "rejected"], (38, 12)),
    (1, ["withdrawn"], (30, 10)),
    (1, ["under_review", "withdrawn"], (30, 12)),
    (1, ["under_review", "admitted", "withdrawn"], (40, 25)),
]
_VOTED = ["under_review", "admitted", "voting_closed"]
CLOSED_PLAN = [
    (7, _VOTED + ["approved", "in_implementation", "implemented"]),
    (6, _VOTED + ["approved", "in_implementation"]),
    (4, _VOTED + ["approved"]),
    (7, _VOTED + ["not_approved"]),
    (2, _VOTED),
    (2, ["under_review", "rejected"]),
    (1, ["under_review", "admitted", ("rejected", "rejected_voting", "rejected_voting")]),
]


def tr(values, **fmt):
    return {lang: value.format(**fmt) for lang, value in zip(LANGS, values)}


class Command(BaseCommand):
    help = "Create a demo Almaty akimat site (ru/kk/en): campaigns, ~65 projects with stage histories, an admin user."

    def handle(self, *args, **options):
        started = time.monotonic()
        self.now = timezone.localtime()
        self.created = Counter()
        with transaction.atomic():
            self.locales = {lang: Locale.objects.get_or_create(language_code=lang)[0] for lang in LANGS}
            self.snippets = self.ensure_snippets()
            homes = self.ensure_home()
            for key in ("open", "closed"):
                self.ensure_campaign(key, homes)
            self.ensure_home_roulette(homes)
            self.ensure_checkpoint_and_decisions()
            from sandbox.home.demo_comments import ensure_comments_and_objections

            self.created["Comment"] += ensure_comments_and_objections()
            from sandbox.home.demo_submissions import ensure_submissions

            submissions, self.tracking_links = ensure_submissions()
            self.created["Submission"] += submissions
            login = self.ensure_admin()
        self.report(login, time.monotonic() - started)

    # -- roles, the checkpoint workflow, the commission's decisions --------------------------------------------
    def ensure_checkpoint_and_decisions(self):
        from wagtail_opengov import roles
        from wagtail_opengov.models import ProjectDecision

        roles.setup()
        decided = set(ProjectDecision.objects.values_list("project_id", flat=True))
        for change in ProjectStageChange.objects.filter(to_stage__in=["approved", "not_approved"]).order_by("pk"):
            page = Page.objects.get(pk=change.project_id)
            canonical = Page.objects.filter(translation_key=page.translation_key).order_by("pk").first()
            if canonical.pk != page.pk or page.pk in decided:
                continue
            ProjectDecision.objects.create(
                project_id=page.pk, outcome=change.to_stage, reason=change.reason or "—", decided_at=change.changed_at
            )
            decided.add(page.pk)
            self.created["ProjectDecision"] += 1

    # -- reference data -------------------------------------------------------------------------------
    def ensure_snippets(self):
        found = {}
        for model, rows in ((StateBody, C.STATE_BODIES), (Category, C.CATEGORIES), (Area, C.AREAS)):
            for row in rows:
                source = None
                for lang in LANGS:
                    locale = self.locales[lang]
                    obj = model.objects.filter(slug=row["slug"], locale=locale).first()
                    if obj is None:
                        obj = source.copy_for_translation(locale) if source else model(slug=row["slug"], locale=locale)
                        self.created[model.__name__] += 1
                    obj.name = tr(row["name"])[lang]
                    if model is StateBody:
                        obj.kind = row.get("kind", StateBody.Kind.DEPARTMENT)
                        obj.short_name = tr(row["short_name"])[lang]
                        obj.website = row.get("website", "")
                        obj.parent = found[StateBody, "akimat-almaty", lang] if obj.kind != "akimat" else None
                    obj.save()
                    source = source or obj
                    found[model, row["slug"], lang] = obj
        return found

    def snippet(self, model, slug, lang):
        return self.snippets[model, slug, lang] if slug else None

    # -- pages ----------------------------------------------------------------------------------------
    def translate(self, source, lang, **fields):
        """Return (translation, created); a new translation gets ``fields`` and is published."""
        existing = source.get_translation_or_none(self.locales[lang])
        if existing is not None:
            return existing.specific, False
        page = source.copy_for_translation(self.locales[lang])
        for name, value in fields.items():
            if name in ("categories", "areas"):
                getattr(page, name).set(value)
            else:
                setattr(page, name, value)
        page.save_revision().publish()
        self.created[type(page).__name__] += 1
        return page, True

    def home_body(self, lang):
        return [("heading", tr(C.HOME["heading"])[lang]), ("paragraph", RichText(tr(C.HOME["text"])[lang]))]

    def ensure_home(self):
        ru_locale = self.locales["ru"]
        root = Page.get_first_root_node()
        home = HomePage.objects.child_of(root).filter(locale=ru_locale).first()
        if home is None:
            # Wagtail's "Welcome to your new Wagtail site!" page (plain Page, no children) makes way.
            for page in root.get_children().filter(content_type=ContentType.objects.get_for_model(Page), numchild=0):
                page.delete()
            home = HomePage(title=C.HOME["title"][0], slug=C.HOME["slug"], locale=ru_locale, body=self.home_body("ru"))
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created["HomePage"] += 1
        sites = list(Site.objects.order_by("-is_default_site", "pk"))
        site = sites[0] if sites else Site()
        for other in sites[1:]:
            other.delete()
        site.hostname, site.port, site.root_page, site.is_default_site = "localhost", 80, home, True
        site.site_name = C.SITE_NAME
        site.save()
        homes = {"ru": home}
        for lang in LANGS[1:]:
            homes[lang], _ = self.translate(home, lang, title=tr(C.HOME["title"])[lang], body=self.home_body(lang))
        return homes

    ROULETTE_HEADING = {
        "ru": "Какие проекты профинансировать городу?",
        "kk": "Қала қай жобаларды қаржыландыруы керек?",
        "en": "Which projects should the city fund?",
    }
    ROULETTE_INTRO = {
        "ru": "<p>Проекты показываются по одному, в случайном порядке — каждому одинаковое внимание. Голосуйте ЗА или ПРОТИВ.</p>",
        "kk": "<p>Жобалар бір-бірден, кездейсоқ ретпен көрсетіледі — әрқайсысына бірдей назар. ЖАҚТАП немесе ҚАРСЫ дауыс беріңіз.</p>",
        "en": "<p>Projects appear one at a time, at random, so each gets the same attention. Vote FOR or AGAINST.</p>",
    }

    def ensure_home_roulette(self, homes):
        """The home page embeds the Roulette of the campaign whose voting is open (once)."""
        for lang, home in homes.items():
            home = HomePage.objects.get(pk=home.pk)
            if any(block.block_type == "roulette" for block in home.body):
                continue
            campaign = next(
                (c for c in CampaignPage.objects.child_of(home).live() if c.voting_open), None
            )
            if campaign is None:
                continue
            # The same four categories in every language (chosen by their Russian names), not each language's first four.
            keys = Category.objects.filter(locale=self.locales["ru"]).order_by("name").values_list(
                "translation_key", flat=True
            )[:4]
            categories = list(Category.objects.filter(locale=self.locales[lang], translation_key__in=list(keys)))
            home.body = list(home.body.raw_data) + [
                {
                    "type": "roulette",
                    "value": {
                        "campaign": campaign.pk,
                        "heading": self.ROULETTE_HEADING[lang],
                        "intro": self.ROULETTE_INTRO[lang],
                        "categories": [c.pk for c in categories],
                    },
                }
            ]
            home.save_revision().publish()

    def ensure_campaign(self, key, homes):
        data = C.CAMPAIGNS[key]
        year = self.now.year if key == "open" else self.now.year - 1
        titles, intros = tr(data["title"], year=year), tr(data["intro"], next=year + 1)
        windows = self.windows(key, year)
        scope = {}
        for lang in LANGS:
            scope[lang] = {
                "categories": [self.snippet(Category, s, lang) for s in data.get("categories", [])],
                "areas": [self.snippet(Area, a["slug"], lang) for a in C.AREAS] if data.get("areas") == "all" else [],
            }
        slug = data["slug"].format(year=year)
        campaign = CampaignPage.objects.child_of(homes["ru"]).filter(slug=slug).first()
        if campaign is None:
            campaign = CampaignPage(title=titles["ru"], slug=slug, intro=intros["ru"], **windows["campaign"])
            campaign.categories.set(scope["ru"]["categories"])
            campaign.areas.set(scope["ru"]["areas"])
            homes["ru"].add_child(instance=campaign)
            campaign.save_revision().publish()
            self.created["CampaignPage"] += 1
        for lang in LANGS[1:]:
            self.translate(campaign, lang, title=titles[lang], intro=intros[lang], **scope[lang])
        allowed = data.get("categories") or [c["slug"] for c in C.CATEGORIES]
        for spec in self.project_specs(key, allowed, windows):
            self.ensure_project(campaign, spec)
        if key == "closed":
            from sandbox.home.demo_votes import ensure_closed_votes

            self.created["Vote"] += ensure_closed_votes(campaign)

    # -- projects -------------------------------------------------------------------------------------
    def windows(self, key, year):
        """The campaign's windows and, per step, (earliest, latest, (min gap, max gap in days))."""
        if key == "open":
            n = self.now.replace(minute=0, second=0, microsecond=0)
            day = lambda d, h: (n + d * DAY).replace(hour=h)  # noqa: E731
            last = n - DAY
            return {
                "campaign": {"submission_start": day(-40, 9), "submission_end": day(10, 18),
                             "voting_start": day(-7, 9), "voting_end": day(14, 18)},
                "first": lambda days: (n - days[0] * DAY, n - days[1] * DAY),
                "under_review": (n - 40 * DAY, last, (1, 4)),
                "submitted": (n - 40 * DAY, last, (2, 5)),
                "admitted": (n - 40 * DAY, n - 8 * DAY, (3, 8)),
                "rejected": (n - 40 * DAY, last, (3, 10)),
                "withdrawn": (n - 40 * DAY, last, (2, 10)),
            }
        at = lambda m, d, h=9: timezone.make_aware(datetime(year, m, d, h))  # noqa: E731
        return {
            "campaign": {"submission_start": at(2, 1), "submission_end": at(3, 15, 18),
                         "voting_start": at(4, 1), "voting_end": at(4, 30, 20)},
            "first": lambda days: (at(2, 1), at(3, 10)),
            "under_review": (at(2, 1), at(3, 20), (1, 4)),
            "admitted": (at(2, 10), at(3, 28), (3, 10)),
            "rejected": (at(2, 5), at(3, 28), (3, 10)),
            "rejected_voting": (at(4, 5), at(4, 25), (10, 25)),
            "voting_closed": (at(4, 30, 20), at(4, 30, 20), (0, 0)),
            "approved": (at(5, 14), at(5, 16), (14, 16)),
            "not_approved": (at(5, 14), at(5, 16), (14, 16)),
            "in_implementation": (at(6, 1), at(9, 15), (20, 100)),
            "implemented": (at(8, 15), at(11, 30), (40, 150)),
        }

    def schedule(self, steps, first_window, windows, rng):
        lo, hi = first_window
        when = self.office_hours(lo + (hi - lo) * rng.random(), rng)
        dated = [("submitted", "", when)]
        for step in steps:
            stage, reason_key, window_key = (step + (None, None))[:3] if isinstance(step, tuple) else (step, None, None)
            lo, hi, (gap_lo, gap_hi) = windows[window_key or stage]
            if lo == hi:
                moment = lo
            else:
                moment = self.office_hours(min(max(when + rng.uniform(gap_lo, gap_hi) * DAY, lo), hi), rng)
            when = max(moment, when + timedelta(hours=2))
            choices = C.REASONS.get(reason_key or stage)
            dated.append((stage, rng.choice(choices)[0] if choices else "", when))
        return dated

    @staticmethod
    def office_hours(moment, rng):
        return timezone.localtime(moment).replace(hour=rng.randint(9, 17), minute=rng.randint(0, 59), second=0, microsecond=0)

    def project_specs(self, key, allowed, windows):
        """The campaign's projects, always drawn in the same order from a fixed seed (hence idempotent)."""
        rng = random.Random(f"opengov-demo-{key}")
        plan = OPEN_PLAN if key == "open" else [(count, steps, None) for count, steps in CLOSED_PLAN]
        by_category = {c: [t for t in C.PROJECT_TEMPLATES if t["category"] == c] for c in allowed}
        seen, specs = set(), []
        for count, steps, first_days in plan:
            for index in range(count):
                category = allowed[len(specs) % len(allowed)]
                while True:
                    template = rng.choice(by_category[category])
                    area, fmt = self.place(template, rng)
                    titles = {lang: t.format(**fmt[lang]) for lang, t in zip(LANGS, template["title"])}
                    slug = slugify(titles["en"])
                    if titles["ru"] not in seen and slug not in seen:
                        seen.update((titles["ru"], slug))
                        break
                citizen = rng.random() < 0.75
                contacts = rng
                if index == 0 and not citizen:
                    # The first project of each path is a resident's, so that every stage has a submission with
                    # its thread and tracking link. Its contact comes from its own generator: the shared one
                    # draws as before, and the other projects stay what they were.
                    citizen, contacts = True, random.Random(f"opengov-demo-contact-{slug}")
                body_slug = next(c["body"] for c in C.CATEGORIES if c["slug"] == category)
                history = self.schedule(steps, windows["first"](first_days), windows, rng)
                lo, hi = template["cost"]
                specs.append({
                    "slug": slug,
                    "title": titles,
                    "summary": dict(zip(LANGS, template["summary"])),
                    "body": dict(zip(LANGS, template["body"])),
                    "category": category,
                    "area": area,
                    # A fresh citizen submission has no responsible body assigned yet.
                    "responsible_body": body_slug if (steps or not citizen) else None,
                    "initiator_kind": "citizen" if citizen else "state_body",
                    "initiator_body": None if citizen else body_slug,
                    "contact_name": contacts.choice(C.CONTACT_NAMES) if citizen else "",
                    "contact": f"+7 701 000 {contacts.randint(0, 99):02d} {contacts.randint(0, 99):02d}"
                    if citizen else "",
                    "cost": rng.randint(lo * 10, hi * 10) * 100_000,
                    "history": history,
                })
        return specs

    @staticmethod
    def place(template, rng):
        if "area" in template:  # a fixed place (None: the whole city)
            return template["area"], {lang: {} for lang in LANGS}
        area = rng.choice(C.AREAS)
        if "n" in template:
            n = rng.randint(*template["n"])
            return area["slug"], {lang: {"n": n} for lang in LANGS}
        *forms, lo, hi = rng.choice(area["places"])
        n = rng.randint(lo, hi)
        return area["slug"], {lang: {"addr": form.format(n=n)} for lang, form in zip(LANGS, forms)}

    def ensure_project(self, campaign, spec):
        project = ProjectPage.objects.child_of(campaign).filter(slug=spec["slug"]).first()
        if project is None:
            project = self.create_project(campaign, spec)
        for lang in LANGS[1:]:
            translated, created = self.translate(
                project, lang, stage_reason=self.translate_reason(project.stage_reason, lang),
                first_published_at=project.first_published_at, **self.project_fields(spec, lang),
            )
            if created:
                # The copy's own save recorded one undated "created at its final stage" entry: replace it
                # with the original's dated history, notes translated.
                ProjectStageChange.objects.filter(project=translated).delete()
                ProjectStageChange.objects.bulk_create(
                    ProjectStageChange(project=translated, from_stage=c.from_stage, to_stage=c.to_stage,
                                       reason=self.translate_reason(c.reason, lang), changed_at=c.changed_at)
                    for c in project.stage_history()
                )

    def project_fields(self, spec, lang):
        return {
            "title": spec["title"][lang],
            "summary": spec["summary"][lang],
            "body": spec["body"][lang],
            "category": self.snippet(Category, spec["category"], lang),
            "area": self.snippet(Area, spec["area"], lang),
            "responsible_body": self.snippet(StateBody, spec["responsible_body"], lang),
            "initiator_body": self.snippet(StateBody, spec["initiator_body"], lang),
        }

    def create_project(self, campaign, spec):
        project = ProjectPage(
            **self.project_fields(spec, "ru"),
            slug=spec["slug"],
            live=False,
            stage="submitted",
            initiator_kind=spec["initiator_kind"],
            initiator_contact_name=spec["contact_name"],
            initiator_contact=spec["contact"],
            estimated_cost=spec["cost"],
        )
        campaign.add_child(instance=project)
        (_, _, submitted_at), *steps = spec["history"]
        # The creation entry is stamped "now" by the model: date it to the submission.
        ProjectStageChange.objects.filter(project=project).update(changed_at=submitted_at)
        for stage, reason, at in steps:
            if stage == "admitted":
                # Through the checkpoint, as the commission does: the decision is recorded with the stage.
                admit_project(project, at=at)
            else:
                project.set_stage(stage, reason, at=at)
        project.first_published_at = submitted_at
        project.save_revision().publish()
        self.created["ProjectPage"] += 1
        return project

    @staticmethod
    def translate_reason(text, lang):
        if not text:
            return ""
        for options in C.REASONS.values():
            for option in options:
                if option[0] == text:
                    return option[LANGS.index(lang)]
        return text

    # -- admin user and summary -----------------------------------------------------------------------
    def ensure_admin(self):
        """The sandbox's admin. Without OPENGOV_DEMO_ADMIN_PASSWORD each run sets a fresh random password and
        prints it, so whoever starts the demo can always log in; nothing secret is stored in the repository."""
        User = get_user_model()
        chosen = os.environ.get("OPENGOV_DEMO_ADMIN_PASSWORD")
        password = chosen or secrets.token_urlsafe(12)
        user = User.objects.filter(username="admin").first()
        if user is None:
            User.objects.create_superuser("admin", "admin@example.com", password)
        else:
            user.set_password(password)
            user.is_active = user.is_staff = user.is_superuser = True
            user.save()
        return "(the value of OPENGOV_DEMO_ADMIN_PASSWORD)" if chosen else password

    def report(self, login, seconds):
        created = ", ".join(f"{name} {n}" for name, n in sorted(self.created.items()))
        self.stdout.write(f"Created: {created or 'nothing (everything already existed)'}")
        for lang, locale in self.locales.items():
            counts = {
                model.__name__: model.objects.filter(locale=locale).count()
                for model in (HomePage, CampaignPage, ProjectPage, Category, Area, StateBody)
            }
            self.stdout.write(f"  {lang}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
        stages = Counter(ProjectPage.objects.filter(locale=self.locales["ru"]).values_list("stage", flat=True))
        self.stdout.write("  ru projects by stage: " + ", ".join(f"{s} {n}" for s, n in sorted(stages.items())))
        if getattr(self, "tracking_links", None):
            self.stdout.write("Residents' tracking links (private; one per stage): " + ", ".join(
                f"{stage} {path}" for stage, path in sorted(self.tracking_links.items())
            ))
        self.stdout.write(f"Done in {seconds:.1f} s.")
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"Admin login: {base}/admin/  user: admin  password: {login}"))
