"""A campaign's project listing: validated filters, a per-visitor shuffle, and pagination."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from . import conf, ordering
from .forms import ProjectFilterForm
from .localization import in_play, localize
from .models.snippets import Area, Category
from .models.stages import Stage


class ProjectListing:
    """Lists the campaign's live (published) projects; unpublished drafts never appear."""

    status_code = 200

    def __init__(self, campaign, request):
        self.campaign = campaign
        self.request = request
        self.messages = []
        self._seed_from_cookie = False
        self.seed = self._resolve_seed()
        self._build()

    # -- seed -----------------------------------------------------------------------------------------
    def _resolve_seed(self):
        cookie_name = conf.get_setting("SHUFFLE_COOKIE_NAME")
        # The seed also travels in pagination links, so the order stays stable for visitors who
        # refuse cookies.
        for value in (self.request.GET.get("order"), self.request.COOKIES.get(cookie_name)):
            if ordering.is_valid_seed(value):
                self._seed_from_cookie = value == self.request.COOKIES.get(cookie_name)
                return value
        return ordering.new_seed()

    def finish_response(self, response):
        response.status_code = self.status_code
        if not self._seed_from_cookie:
            response.set_cookie(
                conf.get_setting("SHUFFLE_COOKIE_NAME"),
                self.seed,
                max_age=conf.get_setting("SHUFFLE_COOKIE_AGE"),
                samesite="Lax",
                secure=self.request.is_secure(),
                httponly=True,
            )
        # The order depends on the visitor: shared caches must not hand one visitor's page to another.
        response["Cache-Control"] = "private"

    # -- filters --------------------------------------------------------------------------------------
    def _choices(self):
        campaign = self.campaign
        return in_play(campaign, Category, "categories"), in_play(campaign, Area, "areas"), list(Stage)

    def _build(self):
        categories, areas, stages = self._choices()
        data = {k: self.request.GET.get(k, "") for k in ("category", "area", "stage")}
        self.form = ProjectFilterForm(data, categories=categories, areas=areas, stages=stages)
        queryset = self.campaign.get_project_queryset()
        if self.form.is_valid():
            filters = self.form.cleaned_data
        else:
            self.status_code = 400
            self.messages.extend(str(e) for errors in self.form.errors.values() for e in errors)
            filters = dict(self.form.cleaned_data)
        if filters.get("category"):
            queryset = queryset.filter(category__slug=filters["category"])
        if filters.get("area"):
            queryset = queryset.filter(area__slug=filters["area"])
        if filters.get("stage"):
            queryset = queryset.filter(stage=filters["stage"])
        self.active_filters = {k: v for k, v in filters.items() if v}

        rows = list(queryset.values_list("pk", "translation_key"))
        ordered_ids = [pk for pk, _key in ordering.shuffled(rows, self.seed, key=lambda row: row[1])]
        self.total = len(ordered_ids)
        paginator = Paginator(ordered_ids, conf.get_setting("PROJECTS_PER_PAGE"))
        raw_page = self.request.GET.get("page", "1")
        try:
            number = int(raw_page)
        except (TypeError, ValueError):
            self.status_code = 400
            self.messages.append(_("“%(page)s” is not a page number; showing the first page.") % {"page": raw_page})
            number = 1
        try:
            self.page = paginator.page(number)
        except EmptyPage:
            raise Http404(_("This list has no page %(page)s.") % {"page": number}) from None
        page_ids = list(self.page.object_list)
        by_id = (
            queryset.model.objects.filter(pk__in=page_ids)
            .select_related("category", "area", "responsible_body")
            .prefetch_related("gallery_images__image")
            .in_bulk()
        )
        self.projects = [by_id[pk] for pk in page_ids if pk in by_id]
        localized_categories = dict(zip([p.pk for p in self.projects], localize([p.category for p in self.projects])))
        localized_areas = dict(
            zip([p.pk for p in self.projects if p.area], localize([p.area for p in self.projects if p.area]))
        )
        for project in self.projects:
            project.category_display = localized_categories.get(project.pk)
            project.area_display = localized_areas.get(project.pk)

    # -- links ----------------------------------------------------------------------------------------
    def query_for_page(self, number):
        params = dict(self.active_filters)
        params["order"] = self.seed
        params["page"] = number
        return "?" + urlencode(params)

    @property
    def previous_query(self):
        return self.query_for_page(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_query(self):
        return self.query_for_page(self.page.next_page_number()) if self.page.has_next() else ""

    def page_links(self):
        return [
            {"number": n, "query": self.query_for_page(n), "current": n == self.page.number}
            for n in self.page.paginator.page_range
        ]
