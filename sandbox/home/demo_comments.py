"""Demo comments, complaints and objections (answered in time, answered late, overdue, new) for the sandbox."""

import secrets
from datetime import timedelta

from django.utils import timezone

COMMENTS = [
    # (project index, text, name, official, objection, replies)
    (0, "Хорошая идея: вечером во дворе совсем темно. Смета есть на https://example.org/smeta", "Айгуль", False,
     False, [("Поддерживаю, дети возвращаются из школы затемно.", "", False)]),
    (0, "Против: в прошлом году фонари уже ставили, они просто не работают.", "", False, True,
     [("Фонари 2019 года отключены из-за аварии кабеля; проект предусматривает новую линию.", "Акимат", True)]),
    (1, "Жобаны қолдаймын, бірақ ағаштарды сақтау керек.", "Ерлан", False, False, []),
    (2, "Против: эта площадка мешает проезду пожарных машин.", "", False, True, []),
]
COMPLAINTS = [
    (1, "Смета завышена: такие скамейки стоят вдвое дешевле."),
    (3, "Проект дублирует уже реализованный в 2025 году."),
]
ANSWERS = [
    "Смета проверена отделом закупок: цена включает установку и гарантию 5 лет.",
    "Линия освещения будет новой; старые опоры демонтируют. Ответ дан с опозданием — приносим извинения.",
]


def _aged(objection, created_days_ago, answered_after_days=None, answer=""):
    from wagtail_opengov.models.objections import Objection, add_working_days

    created = timezone.now() - timedelta(days=created_days_ago)
    fields = {"created_at": created, "deadline": add_working_days(timezone.localdate(created), 10)}
    if answered_after_days is not None:
        # The demo's texts hold no personal data: the monitoring group chose to show them with the answers.
        fields.update(answered_at=created + timedelta(days=answered_after_days), answer=answer, status="answered",
                      text_public=True)
    Objection.objects.filter(pk=objection.pk).update(**fields)


def ensure_comments_and_objections():
    """Returns how many comments were created (0 when the demo already has comments)."""
    from wagtail_opengov import objections
    from wagtail_opengov.models import Comment, Complaint, Participant, ProjectPage, Stage

    if Comment.objects.exists():
        return 0
    projects = list(
        ProjectPage.objects.filter(locale__language_code="ru", stage=Stage.ADMITTED).live().order_by("pk")[:4]
    )
    if len(projects) < 4:
        return 0
    residents = [Participant.objects.create(token_hash=secrets.token_hex(32)) for _ in range(4)]
    made = []
    for n, (index, text, name, official, is_objection, replies) in enumerate(COMMENTS):
        project = projects[index]
        comment = Comment.objects.create(
            project=project, campaign=project.get_parent(), participant=residents[n % 4], author_name=name,
            text=text if "http" not in text else text.replace(
                "https://example.org/smeta",
                '<a href="https://example.org/smeta" rel="nofollow ugc noopener">https://example.org/smeta</a>'),
            is_official=official, is_objection=is_objection,
            created_at=timezone.now() - timedelta(days=20 - n),
        )
        made.append(comment)
        for reply_text, reply_name, reply_official in replies:
            Comment.objects.create(
                project=project, campaign=project.get_parent(), parent=comment, author_name=reply_name,
                participant=None if reply_official else residents[(n + 1) % 4], text=reply_text,
                is_official=reply_official, created_at=timezone.now() - timedelta(days=18 - n),
            )
        if is_objection:
            comment.objection_obj = objections.open_objection_for_comment(comment)
    complaints = []
    for index, reason in COMPLAINTS:
        project = projects[index]
        complaint = Complaint.objects.create(project=project, campaign=project.get_parent(), reason=reason,
                                             participant=residents[index % 4])
        complaints.append(objections.open_objection_for_complaint(complaint))
    # Answered in time, answered late, overdue, and one just received.
    _aged(complaints[0], 20, 5, ANSWERS[0])
    _aged(made[1].objection_obj, 30, 21, ANSWERS[1])
    _aged(made[3].objection_obj, 25)
    _aged(complaints[1], 1)
    return Comment.objects.count()
