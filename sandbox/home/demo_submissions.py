"""Demo resident submissions: a tracking link and a message thread for citizens' projects in every stage."""

from datetime import timedelta

from django.utils import timezone

THREADS = {
    # stage: the commission's message, the resident's reply
    "submitted": ("Здравствуйте! Уточните, пожалуйста, адрес двора и примерное число фонарей.",
                  "Двор по ул. Абая 10, нужно шесть фонарей вдоль дорожки."),
    "under_review": ("Проект передан на контрольную точку: проверяем смету с управлением энергетики.", ""),
    "rejected": ("К сожалению, проект отклонён: причина указана на странице проекта.",
                 "Понятно, подам уточнённый вариант в следующей кампании."),
}


def demo_token(project):
    """A per-install tracking token for a demo project: derived from SECRET_KEY (unguessable without it) so every
    run of the demo can print the same working link without storing the token anywhere."""
    from wagtail_opengov import identity

    return identity.keyed_hash(f"demo-tracking:{project.translation_key}", "demo")[:40]


def ensure_submissions():
    """Give citizens' demo projects a submission record and a thread. Returns (created, {stage: tracking path})."""
    from wagtail_opengov.models import InitiatorKind, ProjectPage
    from wagtail_opengov.models.submissions import MessageSender, Submission, SubmissionMessage
    from wagtail_opengov.submissions import tracking_hash

    created, links = 0, {}
    projects = ProjectPage.objects.filter(initiator_kind=InitiatorKind.CITIZEN).order_by("pk")
    seen_keys = set()
    for project in projects:
        if project.translation_key in seen_keys:
            continue  # one submission per project, on its first (canonical) page
        seen_keys.add(project.translation_key)
        token = demo_token(project)
        links.setdefault(project.stage, f"/opengov/track/{token}/")
        if Submission.objects.filter(project_id=project.pk).exists():
            continue
        submitted_at = project.first_published_at or timezone.now() - timedelta(days=30)
        submission = Submission.objects.create(project=project, token_hash=tracking_hash(token),
                                               created_at=submitted_at)
        created += 1
        commission, reply = THREADS.get(project.stage, ("Спасибо за проект! Мы сообщим здесь о каждом этапе.", ""))
        SubmissionMessage.objects.create(submission=submission, sender=MessageSender.COMMISSION, body=commission,
                                         created_at=submitted_at + timedelta(days=2))
        if reply:
            SubmissionMessage.objects.create(submission=submission, sender=MessageSender.RESIDENT, body=reply,
                                             created_at=submitted_at + timedelta(days=3))
    return created, links
