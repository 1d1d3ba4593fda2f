"""Demo comments, complaints and objections (answered in time, answered late, overdue, new) for the sandbox."""

import secrets
from datetime import timedelta

from django.utils import timezone

# Each text is written for the category of the project it is attached to (the first admitted project of that
# category) and names what such projects are about: KEYWORDS lists those words, and the demo's test checks them.
KEYWORDS = {
    "courtyards": ("двор",),
    "sport": ("спорт",),
    "roads": ("проезд", "улиц"),
    "schools": ("школ", "детск"),
}
COMMENTS = [
    # (category, text, name, official, objection, replies)
    ("courtyards", "Хорошая идея: наш двор не ремонтировали двадцать лет. Смета есть на https://example.org/smeta",
     "Айгуль", False, False, [("Поддерживаю, во дворе играют дети, а сейчас там небезопасно.", "", False)]),
    ("courtyards", "Против: во дворе и так тесно, а работы на всё лето перекроют подъезды к дому.", "", False, True,
     [("Работы во дворе пройдут поэтапно, проезд к подъездам сохранится.", "Акимат", True)]),
    ("sport", "Жобаны қолдаймын, бірақ спорт алаңын кешке жарықтандыру керек.", "Ерлан", False, False, []),
    ("roads", "Против: на время работ перекроют проезд по улице, а объезда для пожарных машин нет.", "", False,
     True, []),
]
COMPLAINTS = [
    ("sport", "Смета завышена: такие спортивные площадки стоят вдвое дешевле."),
    ("schools", "Проект дублирует уже выполненное: городская программа модернизации школ и детских садов сделала "
                "это в прошлом году."),
]
ANSWERS = [
    "Смета проверена отделом закупок: цена спортивной площадки включает покрытие, установку и гарантию 5 лет.",
    "Подрядчик обязан сохранить проезд к подъездам двора на всё время работ. Ответ дан с опозданием — приносим "
    "извинения.",
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
    admitted = ProjectPage.objects.filter(locale__language_code="ru", stage=Stage.ADMITTED).live().order_by("pk")
    projects = {slug: admitted.filter(category__slug=slug).first() for slug in KEYWORDS}
    if None in projects.values():
        return 0
    residents = [Participant.objects.create(token_hash=secrets.token_hex(32)) for _ in range(4)]
    made = []
    for n, (category, text, name, official, is_objection, replies) in enumerate(COMMENTS):
        project = projects[category]
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
    for n, (category, reason) in enumerate(COMPLAINTS):
        project = projects[category]
        complaint = Complaint.objects.create(project=project, campaign=project.get_parent(), reason=reason,
                                             participant=residents[(n + 1) % 4])
        complaints.append(objections.open_objection_for_complaint(complaint))
    # Answered in time, answered late, overdue, and one just received.
    _aged(complaints[0], 20, 5, ANSWERS[0])
    _aged(made[1].objection_obj, 30, 21, ANSWERS[1])
    _aged(made[3].objection_obj, 25)
    _aged(complaints[1], 1)
    return Comment.objects.count()
