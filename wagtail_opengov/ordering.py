"""Per-visitor shuffle for project listings.

The order must not privilege any project (date and alphabetical orders both invite gaming) and must be
stable for one visitor across pages. Each visitor gets a random seed (from ``secrets``); a project's
position is a keyed BLAKE2 hash of its translation key, so:
- no global random generator is touched and nothing lives in process memory;
- the same visitor sees the same order on every page, in every language;
- a project added later lands at a random position instead of reshuffling everyone's list.
"""

import hashlib
import re
import secrets

_SEED_RE = re.compile(r"^[0-9a-f]{16}$")


def new_seed():
    return secrets.token_hex(8)


def is_valid_seed(value):
    return isinstance(value, str) and bool(_SEED_RE.match(value))


def position(seed, key):
    return hashlib.blake2b(str(key).encode(), key=bytes.fromhex(seed), digest_size=8).digest()


def shuffled(items, seed, key=lambda item: item):
    return sorted(items, key=lambda item: position(seed, key(item)))
