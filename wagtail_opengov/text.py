"""Residents' text, made safe to store: plain text without markup."""

import html

import bleach


def plain_text(value):
    """Text without any markup, as a person would read it.

    bleach strips tags and escapes what is left; the entities it produced are turned back into characters
    (templates and emails escape on output; kept, "Parks & roads" would show as "Parks &amp;amp; roads"), and
    the loop catches markup that was hidden behind entities (``&lt;script&gt;``)."""
    text = str(value or "")
    for _attempt in range(5):
        cleaned = html.unescape(bleach.clean(text, tags=[], attributes={}, strip=True))
        if cleaned == text:
            break
        text = cleaned
    else:
        # Still changing after five rounds: markup behind more layers of entities than honest text has. The last
        # unescape may just have uncovered a tag, so strip once more and leave any deeper layers encoded.
        text = bleach.clean(text, tags=[], attributes={}, strip=True)
    return text.strip()
