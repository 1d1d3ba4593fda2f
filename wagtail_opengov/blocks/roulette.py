from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class RouletteBlock(blocks.StructBlock):
    """The Roulette, embeddable anywhere. Its HTML is the same for every visitor (cacheable): per-visitor state
    comes from the API once the block scrolls into view; without JavaScript its form leads to the full-page
    Roulette."""

    campaign = blocks.PageChooserBlock(
        page_type="wagtail_opengov.CampaignPage",
        required=False,
        label=_("Campaign"),
        help_text=_("Leave empty to draw from every campaign whose voting is open."),
    )
    heading = blocks.CharBlock(label=_("Heading"), default=_("Which projects should be funded?"))
    intro = blocks.RichTextBlock(label=_("Introduction"), required=False, features=["bold", "italic", "link"])
    categories = blocks.ListBlock(
        SnippetChooserBlock("wagtail_opengov.Category"),
        label=_("Category filters offered"),
        required=False,
        help_text=_("Categories a visitor may narrow the Roulette to. Leave empty to offer none."),
    )

    class Meta:
        template = "wagtail_opengov/blocks/roulette_block.html"
        icon = "resubmit"
        label = _("Roulette of projects")

    def get_context(self, value, parent_context=None):
        from ..localization import localize
        from ..roulette import canonical

        context = super().get_context(value, parent_context=parent_context)
        campaign = value.get("campaign")
        campaign = campaign.specific if campaign is not None else None
        try:
            api_root = reverse("wagtail_opengov_api_v1:api-root")
        except NoReverseMatch:
            api_root = ""
        if campaign is not None:
            action = campaign.roulette_url
        else:
            try:
                action = reverse("opengov_roulette")
            except NoReverseMatch:
                action = ""
        categories = [c for c in value.get("categories") or [] if c is not None]
        context.update(
            {
                "campaign": campaign,
                "roulette_action": action,
                "filter_categories": localize(categories),
                "roulette_config": {
                    "api": api_root,
                    "campaign": canonical(campaign).pk if campaign is not None else None,
                },
            }
        )
        return context
