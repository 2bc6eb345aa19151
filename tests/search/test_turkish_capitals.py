"""A Turkish visitor's capital dotted İ ("İade", a phone's capital at the start of a sentence)
finds the words Elasticsearch indexed in lower case ("iade"): the query is normalised to the
same letters (search.analysis.normalise)."""

import pytest

from search.analysis import normalise

pytestmark = pytest.mark.django_db

# Words too short for typo tolerance (below five letters): only the same letters match.
TWO_FACTOR = "/tr/hacked-accounts/turn-on-two-factor-authentication/"  # "İki faktörlü …"
FIRST_CAMPAIGN = "/tr/ads-and-billing/create-your-first-ad-campaign/"  # "İlk reklam …"


def test_a_capital_dotted_i_is_a_plain_i():
    assert normalise("İadeler", "tr") == "iadeler"
    assert normalise("I\u0307ptal", "tr") == "iptal"  # I + combining dot: NFKC makes it İ
    assert normalise("İADE", "tr") == "iade"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("İki", TWO_FACTOR), ("iki", TWO_FACTOR), ("İKİ", TWO_FACTOR), ("İlk", FIRST_CAMPAIGN)],
)
def test_turkish_capitals_find_the_article(client, demo, elasticsearch, typed, expected):
    response = client.get("/api/v1/search/autocomplete", {"q": typed, "locale": "tr"})
    body = response.json()
    assert body["backend"] == "elasticsearch"
    assert expected in [s["url"] for s in body["suggestions"][:3]], body
