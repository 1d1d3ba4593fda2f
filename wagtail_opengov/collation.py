"""Alphabetical order for names shown to residents, without ICU or the OS locale.

Python compares strings by code point, which puts the Kazakh letters (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І: U+04xx) and
the Russian Ё (U+0401) after Я. Lists of categories, areas and state bodies are small, so they are sorted in
Python with :func:`sort_key` after the query instead of relying on the database's collation (which differs
between SQLite and PostgreSQL installs and is rarely set up for Kazakh).
"""

import unicodedata

from django.utils.translation import get_language

_ALPHABETS = {
    "kk": "а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я",
    "ru": "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я",
}
_POSITIONS = {
    language: {letter: i for i, letter in enumerate(letters.split())} for language, letters in _ALPHABETS.items()
}

# Groups, in this order: spaces and punctuation (so "Ақ жол" comes before "Ақжол"), digits, the language's own
# letters, any other letter (Latin, or Cyrillic letters of another language) by code point.
_SEPARATOR, _DIGIT, _OWN, _OTHER = range(4)


def _language_code(language):
    code = (language or get_language() or "").lower().replace("_", "-")
    return code.split("-")[0]


def _char_key(char, positions):
    lower = char.lower()
    if lower in positions:
        return (_OWN, positions[lower])
    if char.isdigit():
        return (_DIGIT, unicodedata.digit(char, 0), ord(char))
    if not char.isalnum():
        return (_SEPARATOR, ord(char))
    return (_OTHER, ord(lower))


def sort_key(text, language=None):
    """A key ordering ``text`` alphabetically for ``language`` (default: the active one), case-insensitively.

    Kazakh and Russian follow their Cyrillic alphabets; any other language orders letters by code point,
    case-insensitively. Names equal but for case stay in a fixed order (the original text breaks the tie)."""
    text = unicodedata.normalize("NFC", str(text or ""))
    positions = _POSITIONS.get(_language_code(language), {})
    return tuple(_char_key(char, positions) for char in text), text


def sorted_by_name(objects, language=None):
    """``objects`` sorted by their ``name`` for ``language`` (default: the active one)."""
    language = _language_code(language)
    return sorted(objects, key=lambda obj: sort_key(obj.name, language))
