"""Residents' text, made safe to store: plain text without markup."""

import html
from html.parser import HTMLParser

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


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.link = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.link = (dict(attrs).get("href") or "", len(self.parts))

    def handle_endtag(self, tag):
        if tag != "a" or self.link is None:
            return
        href, start = self.link
        self.link = None
        shown = "".join(self.parts[start:]).strip()
        # A linkified address already shows itself; a link with other words gets its address after them.
        if href and shown not in {href, href.removeprefix("mailto:"), href.split("://", 1)[-1]}:
            self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(data)


def readable_text(value):
    """Stored comment HTML as a person reads it: the words, each link as its text followed by its address.

    Returns plain characters (no markup survives, entities are decoded), for templates to escape on output."""
    reader = _Reader()
    reader.feed(str(value or ""))
    reader.close()
    return "".join(reader.parts).strip()
