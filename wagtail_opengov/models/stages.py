"""A project's life cycle: one stage field, and the one place where transitions are validated."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("project stage", "Submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("project stage", "Under review")
    ADMITTED = "admitted", pgettext_lazy("project stage", "Admitted to voting")
    VOTING_CLOSED = "voting_closed", pgettext_lazy("project stage", "Voting closed")
    APPROVED = "approved", pgettext_lazy("project stage", "Approved")
    NOT_APPROVED = "not_approved", pgettext_lazy("project stage", "Not approved")
    IN_IMPLEMENTATION = "in_implementation", pgettext_lazy("project stage", "In implementation")
    IMPLEMENTED = "implemented", pgettext_lazy("project stage", "Implemented")
    REJECTED = "rejected", pgettext_lazy("project stage", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("project stage", "Withdrawn")


# The main road a successful project travels; the stage tracker draws it.
MAIN_PATH = (
    Stage.SUBMITTED,
    Stage.UNDER_REVIEW,
    Stage.ADMITTED,
    Stage.VOTING_CLOSED,
    Stage.APPROVED,
    Stage.IN_IMPLEMENTATION,
    Stage.IMPLEMENTED,
)

# Stages that end a project early and must carry a public reason.
STAGES_NEEDING_REASON = frozenset({Stage.REJECTED, Stage.WITHDRAWN})

TRANSITIONS = {
    # Back to "submitted" lets the commission return a project to its initiator for refinement.
    Stage.SUBMITTED: {Stage.UNDER_REVIEW, Stage.REJECTED, Stage.WITHDRAWN},
    Stage.UNDER_REVIEW: {Stage.SUBMITTED, Stage.ADMITTED, Stage.REJECTED, Stage.WITHDRAWN},
    # A checkpoint error found during voting can still remove a project, with a public reason.
    Stage.ADMITTED: {Stage.VOTING_CLOSED, Stage.REJECTED, Stage.WITHDRAWN},
    Stage.VOTING_CLOSED: {Stage.APPROVED, Stage.NOT_APPROVED},
    Stage.APPROVED: {Stage.IN_IMPLEMENTATION, Stage.WITHDRAWN},
    Stage.IN_IMPLEMENTATION: {Stage.IMPLEMENTED, Stage.WITHDRAWN},
    Stage.NOT_APPROVED: set(),
    Stage.IMPLEMENTED: set(),
    Stage.REJECTED: set(),
    Stage.WITHDRAWN: set(),
}

# What a newly created project may start at: citizens' projects start at "submitted". "Admitted" only for a new
# translation of a project the checkpoint admitted (``ProjectPageMixin._check_admission``).
INITIAL_STAGES = frozenset({Stage.SUBMITTED, Stage.UNDER_REVIEW, Stage.ADMITTED})


class InvalidStageTransition(ValidationError):
    pass


def allowed_next(stage):
    return TRANSITIONS.get(Stage(stage), set())


def check_transition(old, new, reason=""):
    """Raise :class:`InvalidStageTransition` (keyed to the form fields) unless ``old → new`` is legal.

    ``old`` is ``None`` for a project that is being created.
    """
    try:
        new = Stage(new)
    except ValueError:
        raise InvalidStageTransition({"stage": _("Unknown stage.")}) from None
    if old is None:
        if new not in INITIAL_STAGES:
            raise InvalidStageTransition(
                {
                    "stage": _("A new project cannot start at the stage “%(stage)s”.")
                    % {"stage": new.label}
                }
            )
    elif Stage(old) != new and new not in allowed_next(old):
        allowed = sorted(allowed_next(old), key=list(Stage).index)
        if allowed:
            message = _(
                "A project cannot move from “%(old)s” to “%(new)s”. Allowed next stages: %(allowed)s."
            ) % {
                "old": Stage(old).label,
                "new": new.label,
                "allowed": ", ".join(str(s.label) for s in allowed),
            }
        else:
            message = _("“%(old)s” is a final stage; the project cannot move to “%(new)s”.") % {
                "old": Stage(old).label,
                "new": new.label,
            }
        raise InvalidStageTransition({"stage": message})
    if new in STAGES_NEEDING_REASON and (old is None or Stage(old) != new) and not (reason or "").strip():
        raise InvalidStageTransition(
            {"stage_reason": _("Give a public reason when a project is rejected or withdrawn.")}
        )
