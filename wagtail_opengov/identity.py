"""Who is voting, without knowing who they are: a signed device token, keyed hashes, a browsing session.

The raw device token lives only in the resident's cookie; the database keeps its keyed hash (HMAC with the
site's SECRET_KEY, which comes from the environment). IP addresses are hashed the same way before storage.
"""

import ipaddress
import secrets

from django.core import signing
from django.utils.crypto import salted_hmac

from . import conf

DEVICE_SALT = "wagtail_opengov.device"
SESSION_COOKIE = "opengov_session"


def keyed_hash(value, purpose):
    return salted_hmac(f"wagtail_opengov.{purpose}", str(value), algorithm="sha256").hexdigest()


def _signer():
    return signing.get_cookie_signer(salt=DEVICE_SALT)


def device_token(request):
    """The cookie's signed value (``"<participant id>:<token>"``; a bare token in cookies set before), or None."""
    return device_token_value(request.COOKIES.get(conf.get_setting("DEVICE_COOKIE_NAME")))


def device_token_value(raw):
    if not raw:
        return None
    try:
        return _signer().unsign(raw)
    except signing.BadSignature:
        return None


def participant_id(request, *, create=False):
    """Return ``(participant id, new_value)`` without a query for a returning device: the id is inside the
    signed cookie, and only this site can sign. ``new_value`` is set when the cookie must be (re)written with
    :func:`remember_device`."""
    from .models.participation import Participant

    value = device_token(request)
    if value:
        pk, sep, _token = value.partition(":")
        if sep and pk.isdigit():
            return int(pk), None
        # A cookie from before ids were signed into it: look the device up once, then upgrade the cookie.
        found = Participant.objects.filter(token_hash=keyed_hash(value, "device")).values_list("pk", flat=True).first()
        if found is not None:
            return found, f"{found}:{value}"
    if not create:
        return None, None
    token = secrets.token_urlsafe(32)  # URL-safe alphabet: never contains ":"
    participant = Participant.objects.create(token_hash=keyed_hash(token, "device"))
    return participant.pk, f"{participant.pk}:{token}"


def get_participant(request, *, create=False):
    """Return ``(participant, new_value)``; ``new_value`` is set when the device cookie must be (re)written
    with :func:`remember_device`."""
    from .models.participation import Participant

    pk, new_value = participant_id(request, create=create)
    participant = Participant.objects.filter(pk=pk).first() if pk is not None else None
    if participant is None and pk is not None and create:
        # Signed for a participant that no longer exists: start a new identity.
        token = secrets.token_urlsafe(32)
        participant = Participant.objects.create(token_hash=keyed_hash(token, "device"))
        new_value = f"{participant.pk}:{token}"
    return participant, new_value


def remember_device(request, response, value):
    response.set_cookie(
        conf.get_setting("DEVICE_COOKIE_NAME"),
        _signer().sign(value),
        max_age=conf.get_setting("DEVICE_COOKIE_AGE"),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def browsing_session(request):
    """A per-browser-session id (cookie without expiry), for "not shown again in this session"."""
    value = request.COOKIES.get(SESSION_COOKIE, "")
    if len(value) == 32 and value.isalnum():
        return value, False
    return secrets.token_hex(16), True


def remember_session(request, response, value):
    response.set_cookie(SESSION_COOKIE, value, httponly=True, samesite="Lax", secure=request.is_secure())


def client_address(request):
    """The client's IP as Django sees it. Behind a proxy, configure it (or a middleware) to set REMOTE_ADDR.

    An IPv4 client of a dual-stack server arrives as an IPv4-mapped IPv6 address (``::ffff:a.b.c.d``); it is
    given back as the IPv4 address, so it is hashed and limited the same whichever socket took the request."""
    return normalise_address(request.META.get("REMOTE_ADDR", "") or "")


def normalise_address(address):
    try:
        return str(_unmapped(ipaddress.ip_address(address)))
    except ValueError:
        return address


def _unmapped(ip):
    return (ip.ipv4_mapped if ip.version == 6 else None) or ip


def subnet_of(address):
    """The /24 (IPv4) or /64 (IPv6) network: many phones of one mobile operator share such a block.

    IPv4-mapped IPv6 addresses count as the IPv4 address they carry: as IPv6 every one of them would fall in
    ``::/64``, one bucket for all the IPv4 clients of a dual-stack server."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    ip = _unmapped(ip)
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
