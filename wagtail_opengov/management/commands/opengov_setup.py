"""Create the default control-checkpoint workflow and the Commission and Monitoring group roles. Idempotent."""

from django.core.management.base import BaseCommand

from ... import roles


class Command(BaseCommand):
    help = (
        "Create (or update) the groups “Commission” and “Monitoring group”, the control checkpoint workflow, and "
        "assign that workflow to every campaign page. Safe to run again, e.g. after an upgrade."
    )

    def handle(self, *args, **options):
        roles.setup(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("OpenGov roles and workflow are set up."))
