"""``manage.py opengov_recount``: check the stored FOR/AGAINST tallies against the counted votes."""

from django.core.management.base import BaseCommand, CommandError

from ... import tallies

EXIT_DIFFERENCES = 1
EXIT_USAGE = 2


class Command(BaseCommand):
    help = (
        "Recount FOR/AGAINST votes from the vote rows whose status is 'counted' and compare them with the tallies "
        "stored on each project's roulette slot (what the public sees). Prints, per campaign, how many projects "
        "were checked and every project whose stored tally differs. Exit status: 0 when every tally agrees (or "
        "was corrected with --fix), 1 when differences were found and not fixed, 2 for an unknown campaign — so "
        "it can run from cron or a monitoring check."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--campaign",
            type=int,
            metavar="ID",
            help="Only check this campaign (its page id; a translation's id stands for the original campaign).",
        )
        parser.add_argument(
            "--fix",
            action="store_true",
            help="Set the stored tallies to the recounted values (in one transaction) instead of only reporting.",
        )

    def handle(self, *args, campaign=None, fix=False, **options):
        campaign_id = self._campaign_id(campaign) if campaign is not None else None
        report = tallies.check(campaign_id)
        if campaign_id is not None and not report:
            report = {campaign_id: (0, [])}
        if not report:
            self.stdout.write("No projects in any roulette: nothing to check.")
            return

        titles = self._titles(report)
        differences = []
        for cid, (checked, found) in report.items():
            self.stdout.write(
                f"Campaign {cid} ({titles.get(cid, '?')}): {checked} project{'s' if checked != 1 else ''} checked, "
                f"{len(found) or 'no'} difference{'s' if len(found) != 1 else ''}."
            )
            if found:
                self.stdout.write(self._table(found, titles))
            differences.extend(found)

        if not differences:
            self.stdout.write(self.style.SUCCESS("All stored tallies agree with the counted votes."))
            return
        if not fix:
            raise CommandError(
                f"{len(differences)} stored tall{'ies differ' if len(differences) != 1 else 'y differs'} from the "
                "counted votes. Run again with --fix to correct them.",
                returncode=EXIT_DIFFERENCES,
            )
        fixed = tallies.apply_recount(differences)
        self.stdout.write(
            self.style.SUCCESS(f"Fixed {len(fixed)} tall{'ies' if len(fixed) != 1 else 'y'} (stored = recounted).")
        )

    def _campaign_id(self, page_id):
        from wagtail.models import Page

        from ...roulette import canonical

        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No page with id {page_id}.", returncode=EXIT_USAGE)
        return canonical(page).pk

    def _titles(self, report):
        from wagtail.models import Page

        ids = set(report) | {d.project_id for _checked, found in report.values() for d in found}
        return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))

    @staticmethod
    def _table(differences, titles):
        header = ("project", "title", "stored for", "stored against", "recounted for", "recounted against")
        rows = [
            (
                str(d.project_id),
                _shorten(titles.get(d.project_id, "?"), 40),
                str(d.stored_for),
                str(d.stored_against),
                str(d.recounted_for),
                str(d.recounted_against),
            )
            for d in differences
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(row):
            # Ids and counts align right, the title left.
            cells = [cell.ljust(w) if i == 1 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))]
            return "  " + "  ".join(cells).rstrip()

        return "\n".join([line(header), "  " + "  ".join("-" * w for w in widths), *map(line, rows)])


def _shorten(text, width):
    return text if len(text) <= width else text[: width - 1] + "…"
