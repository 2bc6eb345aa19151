"""Masking of personal data visitors type into a search box, before a query is stored or sent
anywhere (the search log, tracking events): e-mail addresses become "[email]", phone-like numbers
(seven or more digits and separators) "[number]"."""

import re

_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\+?\d[\d\s().+-]{5,}\d")


def mask_query(text: str) -> str:
    text = _EMAIL.sub("[email]", str(text))
    return _DIGITS.sub("[number]", text)
