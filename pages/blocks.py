"""StreamField blocks editors use to write help articles and tutorials."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from geo.blocks import PricingBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "code"]


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
        label=_("Tone"),
    )
    title = blocks.CharBlock(max_length=120, required=False, label=_("Title"))
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        template = "pages/blocks/callout.html"
        label = _("Callout")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=200,
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "pages/blocks/image.html"
        label = _("Image")


class StepListBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.TextBlock(label=_("Step")), **kwargs)

    class Meta:
        icon = "list-ol"
        template = "pages/blocks/step_list.html"
        label = _("Step list")


class RelatedArticlesBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(
            blocks.PageChooserBlock(page_type=["pages.ArticlePage", "pages.TutorialPage"]),
            **kwargs,
        )

    class Meta:
        icon = "link"
        template = "pages/blocks/related_articles.html"
        label = _("Related articles")


class ArticleBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    callout = CalloutBlock()
    image = ImageBlock()
    video = EmbedBlock(label=_("Video embed"), template="pages/blocks/video.html")
    steps = StepListBlock()
    related = RelatedArticlesBlock()
    pricing = PricingBlock()


class TutorialStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, label=_("Title"))
    image = ImageChooserBlock(required=False, label=_("Image"))
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "list-ol"
        label = _("Tutorial step")


class TutorialStepsBlock(blocks.StreamBlock):
    step = TutorialStepBlock()
