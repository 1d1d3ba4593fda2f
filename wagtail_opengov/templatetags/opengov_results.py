"""Public decision data for project pages (the commission's decision, the original of a duplicate)."""

from django import template

register = template.Library()


@register.simple_tag
def project_decision(project):
    from ..models.results import decision_for

    return decision_for(project)


@register.simple_tag
def project_duplicate_of(project):
    """The live original a rejected duplicate links to, in the visitor's language when translated."""
    from ..models.checkpoint import CheckpointDecision, CheckpointOutcome

    decision = (
        CheckpointDecision.objects.filter(
            project__translation_key=project.translation_key,
            outcome=CheckpointOutcome.REJECTED,
            duplicate_of__isnull=False,
        )
        .select_related("duplicate_of")
        .first()
    )
    if decision is None or not decision.duplicate_of.live:
        return None
    original = decision.duplicate_of
    localized = original.localized
    return localized if localized.live else original
