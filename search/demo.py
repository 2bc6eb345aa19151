"""Demo search content: synonym sets and suggested queries for the fully translated languages,
then a bulk (re)build of the Elasticsearch indices when SEARCH_URL is set."""

from . import elastic, indexing
from .models import CuratedQuery, SynonymSet

SYNONYMS = {
    "en": ["hacked, compromised", "pin, save", "password, passcode", "login, sign in"],
    "es": ["hackeada, comprometida", "contraseña, clave"],
    "ar": ["مخترق, مسروق", "كلمة المرور, كلمة السر"],
    "ru": ["взлом, взломан, взломанный", "пароль, код доступа"],
}
QUERIES = {
    "en": ["reset my password", "account hacked", "delete a board"],
    "es": ["restablecer contraseña", "cuenta hackeada"],
    "ar": ["إعادة تعيين كلمة المرور"],
    "ru": ["сбросить пароль", "взломали аккаунт"],
}


def seed(log) -> None:
    for language, sets in SYNONYMS.items():
        for terms in sets:
            SynonymSet.objects.get_or_create(language=language, terms=terms)
    for language, texts in QUERIES.items():
        for text in texts:
            CuratedQuery.objects.get_or_create(language=language, text=text)
    if elastic.enabled():
        counts = indexing.rebuild_all()
        log(f"Search: indexed {sum(counts.values())} pages in {len(counts)} locale indices.")
