"""``manage.py opengov_reconcile_objections``: open the objections that AGAINST votes with a reason should have."""

from django.core.management.base import BaseCommand, CommandError

from ... import objections

EXIT_OPENED = 1


class Command(BaseCommand):
    help = (
        "Find counted or quarantined AGAINST votes with a reason that have no objection (on PostgreSQL the "
        "objection is opened after the vote commits; a failure there loses it) and open them, with the deadline "
        "counted from today. Prints each one. Exit status: 0 when nothing was missing, 1 when objections had to "
        "be opened (or, with --dry-run, would be) — so it can run from cron or a monitoring check."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the votes; open nothing.")

    def handle(self, *args, dry_run=False, **options):
        found = objections.open_missing_vote_objections(dry_run=dry_run)
        if not found:
            self.stdout.write(self.style.SUCCESS("Every AGAINST vote with a reason has its objection."))
            return
        for vote, objection in found:
            opened = f"objection {objection.pk} opened" if objection else "no objection (dry run)"
            self.stdout.write(f"  vote {vote.pk} (project {vote.project_id}, campaign {vote.campaign_id}): {opened}")
        count = len(found)
        plural = "s" if count != 1 else ""
        if dry_run:
            raise CommandError(f"{count} AGAINST vote{plural} with a reason lack an objection.", returncode=EXIT_OPENED)
        raise CommandError(
            f"Opened {count} missing objection{plural}. Check why opening failed after voting (logs).",
            returncode=EXIT_OPENED,
        )
