"""Two web properties made with factories: the Help Center (the default site) and Business Help
(its own tree, host and languages), each with an article about invoices."""

from wagtail.models import Page, Site

from pages.models import HelpCenterHomePage, WebProperty
from pages.properties import Theme
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

BUSINESS_HOST = "business.localhost"


def two_properties() -> dict:
    help_home = HomePageFactory()
    help_site = Site.objects.get(is_default_site=True)
    WebProperty.objects.create(site=help_site, key="help", theme=Theme.HELP)
    business_home = HomePageFactory.build(title="Business help", slug="business")
    Page.get_first_root_node().add_child(instance=business_home)
    business_home.save_revision().publish()
    business_home = HelpCenterHomePage.objects.get(pk=business_home.pk)
    business_site = Site.objects.create(
        hostname=BUSINESS_HOST, port=80, root_page=business_home, site_name="Business Help"
    )
    WebProperty.objects.create(
        site=business_site, key="business", theme=Theme.BUSINESS, languages="en, es"
    )
    help_topic = TopicPageFactory(parent=help_home, title="Billing", slug="billing")
    business_topic = TopicPageFactory(parent=business_home, title="Billing", slug="billing")
    return {
        "help_site": help_site,
        "business_site": business_site,
        "help_home": help_home,
        "business_home": business_home,
        "help_article": ArticlePageFactory(
            parent=help_topic, title="Invoices for pinners", slug="invoices"
        ),
        "business_article": ArticlePageFactory(
            parent=business_topic, title="Invoices for advertisers", slug="invoices"
        ),
    }
