"""Demo resident submissions: a tracking link and a message thread for citizens' projects in every stage."""

from datetime import timedelta

from django.utils import timezone

C, R = "commission", "resident"
WELCOME = (C, "Здравствуйте! Проект получен. Мы будем писать здесь о каждом этапе и о вопросах по проекту.")
# Per stage, the thread after the welcome: (sender, text); the messages follow the stage's own date.
THREADS = {
    "submitted": [(C, "Здравствуйте! Уточните, пожалуйста, адрес двора и примерное число фонарей."),
                  (R, "Двор по ул. Абая 10, нужно шесть фонарей вдоль дорожки.")],
    "under_review": [(C, "Проект передан на контрольную точку: проверяем смету с управлением энергетики."),
                     (R, "Спасибо! Если нужно, пришлю фотографии места.")],
    "admitted": [(C, "Проект прошёл контрольную точку и допущен к голосованию: он появится в Рулетке, когда "
                     "голосование откроется."),
                 (R, "Отлично, расскажу соседям!")],
    "rejected": [(C, "К сожалению, проект отклонён: причина указана на странице проекта."),
                 (R, "Понятно, подам уточнённый вариант в следующей кампании.")],
    "withdrawn": [(R, "Прошу отозвать мой проект: двор уже благоустроили за счёт КСК."),
                  (C, "Проект отозван по вашей просьбе. Спасибо, что сообщили!")],
    "voting_closed": [(C, "Голосование завершено. Комиссия рассмотрит его итоги и сообщит решение здесь в течение "
                          "двух недель."),
                      (R, "Спасибо, буду ждать.")],
    "approved": [(C, "Комиссия одобрила ваш проект по итогам голосования: он включён в план финансирования."),
                 (R, "Спасибо! Когда начнутся работы?"),
                 (C, "Срок начала работ сообщим здесь, как только будет выбран подрядчик.")],
    "not_approved": [(C, "Голосование завершено. К сожалению, проект не одобрен: решение комиссии и его причина "
                         "опубликованы на странице итогов. Вы можете подать проект снова в следующей кампании."),
                     (R, "Понятно, спасибо за ответ.")],
    "in_implementation": [(C, "Проект передан в реализацию: подрядчик выбран, работы начались."),
                          (R, "Можно ли будет следить за ходом работ?"),
                          (C, "Да, каждый этап отмечается на странице проекта.")],
    "implemented": [(C, "Работы завершены и приняты комиссией. Спасибо за ваш проект!"),
                    (R, "Спасибо, всё сделано аккуратно, соседи довольны.")],
}
GAP = timedelta(hours=6)


def demo_token(project):
    """A per-install tracking token for a demo project: derived from SECRET_KEY (unguessable without it) so every
    run of the demo can print the same working link without storing the token anywhere."""
    from wagtail_opengov import identity

    return identity.keyed_hash(f"demo-tracking:{project.translation_key}", "demo")[:40]


def thread_messages(project, submitted_at, now):
    """The demo thread of ``project``: ``[(sender, body, sent at)]``, never dated in the future."""
    reached = project.stage_history().last()
    stage_at = reached.changed_at if reached is not None else submitted_at
    dated = [(*WELCOME, submitted_at + timedelta(hours=3))]
    thread = THREADS[project.stage]
    # The commission writes after the stage changed; a resident who asked for it (withdrawal) wrote before.
    first = stage_at + (timedelta(hours=-1) if thread[0][0] == R else timedelta(hours=1))
    start = max(first, dated[0][2] + timedelta(hours=1))
    dated += [(sender, body, start + GAP * i) for i, (sender, body) in enumerate(thread)]
    # A project that changed stage an hour ago cannot have a reply from tomorrow: squeeze the thread into the past.
    latest = now - timedelta(minutes=5)
    if dated[-1][2] > latest:
        span = max(latest - submitted_at, timedelta(minutes=len(dated)))
        step = span / (len(dated) + 1)
        dated = [(sender, body, submitted_at + step * (i + 1)) for i, (sender, body, _at) in enumerate(dated)]
    return dated


def ensure_submissions():
    """Give citizens' demo projects a submission record and a thread. Returns (created, {stage: tracking path})."""
    from wagtail_opengov.models import InitiatorKind, ProjectPage
    from wagtail_opengov.models.submissions import Submission, SubmissionMessage
    from wagtail_opengov.submissions import tracking_hash

    created, links, now = 0, {}, timezone.now()
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
        submitted_at = project.first_published_at or now - timedelta(days=30)
        submission = Submission.objects.create(project=project, token_hash=tracking_hash(token),
                                               created_at=submitted_at)
        created += 1
        SubmissionMessage.objects.bulk_create(
            SubmissionMessage(submission=submission, sender=sender, body=body, created_at=at)
            for sender, body, at in thread_messages(project, submitted_at, now)
        )
    return created, links
