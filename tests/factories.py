"""Small factories of our own. Pages are inserted into the tree under ``parent`` and published."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from wagtail_opengov.models import Area, CampaignPage, Category, ProjectPage, StateBody


class LocalizedSnippetFactory(DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)


class CategoryFactory(LocalizedSnippetFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class AreaFactory(LocalizedSnippetFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")


class StateBodyFactory(LocalizedSnippetFactory):
    class Meta:
        model = StateBody

    name = factory.Sequence(lambda n: f"Department {n}")
    slug = factory.Sequence(lambda n: f"department-{n}")


class PageFactory(factory.Factory):
    """Create the page as a child of ``parent`` and publish it (``live=False`` keeps it a draft)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **kwargs):
        page = model_class(**kwargs)
        page.live = live
        parent.add_child(instance=page)
        if live:
            page.save_revision().publish()
            page.refresh_from_db()
        return page


class CampaignPageFactory(PageFactory):
    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Campaign {n}")
    submission_start = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    submission_end = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    voting_start = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    voting_end = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class ProjectPageFactory(PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Project {n}")
    summary = factory.LazyAttribute(lambda o: f"Summary of {o.title}")
    category = factory.SubFactory(CategoryFactory)


def admitted_project(campaign, **kwargs):
    """A published project taken through the checkpoint (its decision recorded) into the Roulette."""
    project = ProjectPageFactory(parent=campaign, **kwargs)
    admit(project)
    return project


def admit(project, **kwargs):
    """Admit ``project`` as the commission would: through the checkpoint's own function."""
    from wagtail_opengov.models.checkpoint import admit_project

    admit_project(project, **kwargs)
    return project


def new_participant():
    import secrets

    from wagtail_opengov.models import Participant

    return Participant.objects.create(token_hash=secrets.token_hex(32))


def role_member(username, group):
    """A user in one of the groups ``opengov_setup`` creates (no is_staff: Wagtail never sets it)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail_opengov import roles

    roles.setup()
    user = get_user_model().objects.create_user(username, f"{username}@example.kz", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user
