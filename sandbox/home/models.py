from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_opengov.blocks import RouletteBlock


class HomePage(Page):
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock()),
            ("roulette", RouletteBlock()),
        ],
        blank=True,
        verbose_name=_("body"),
    )

    content_panels = Page.content_panels + [FieldPanel("body")]

    def get_context(self, request, *args, **kwargs):
        from wagtail_opengov.models import CampaignPage

        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = CampaignPage.objects.child_of(self).live().public()
        return context
