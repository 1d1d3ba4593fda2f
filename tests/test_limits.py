"""Rate-limit counters: the same answers on LocMem and on Redis (where they are one Lua call per vote)."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from wagtail_opengov import limits

RULES = {"participant": [(60, 2), (3600, 3)], "ip": [(60, 5)], "subnet": [(60, 100)]}


@override_settings(OPENGOV={"VOTE_LIMITS": RULES})
def test_the_first_limit_exceeded_is_reported_per_identity():
    now = 1_000_000.0
    who = {"participant": "p1", "ip": "ip1", "subnet": "net1"}
    answers = [limits.exceeded_limit(who, now=now + i) for i in range(4)]
    assert answers == ["", "", "participant/60s", "participant/60s"]
    # Another participant behind the same IP is counted apart, until the IP's own limit.
    other = [limits.exceeded_limit({**who, "participant": "p2"}, now=now + 10 + i) for i in range(2)]
    assert other == ["", "ip/60s"]
    # The next minute's window starts afresh for the minute limit, not for the hour.
    later = limits.exceeded_limit({**who, "ip": "ip2"}, now=now + 120)
    assert later == "participant/3600s"


@override_settings(OPENGOV={"VOTE_LIMITS": RULES})
def test_counters_expire_after_their_window():
    limits.exceeded_limit({"participant": "p9"}, now=2_000_000.0)
    key = f"opengov:votes:participant:60:p9:{int(2_000_000.0 // 60)}"
    assert cache.get(key) == 1
    client = limits._redis_client()
    if client is None:
        pytest.skip("the expiry is checked on Redis (REDIS_URL)")
    ttl = client.ttl(cache.make_and_validate_key(key))
    assert 0 < ttl <= 65
