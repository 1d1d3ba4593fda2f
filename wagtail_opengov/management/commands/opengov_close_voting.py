"""Close voting for campaigns whose voting window has ended: admitted projects move to "voting closed"."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...models.results import close_voting
from ...roles import campaign_models


class Command(BaseCommand):
    help = (
        "Move the admitted projects of every campaign whose voting has ended to “voting closed” (or only of "
        "--campaign ID). Idempotent: run it from cron after each voting window."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="Only this campaign page id.")

    def handle(self, *args, campaign=None, **options):
        from wagtail.models import Page

        campaigns = Page.objects.type(*campaign_models()).specific().order_by("path")
        if campaign is not None:
            campaigns = campaigns.filter(pk=campaign)
            if not campaigns:
                raise CommandError(f"No campaign with id {campaign}.")
        seen = set()
        for page in campaigns:
            if page.translation_key in seen:
                continue
            seen.add(page.translation_key)
            if not (page.voting_end and page.voting_end <= timezone.now()):
                if campaign is not None:
                    raise CommandError(f"Voting in campaign {campaign} has not ended yet.")
                continue
            try:
                moved = close_voting(page)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None
            self.stdout.write(f"{page.title}: {moved} project(s) moved to voting closed.")
