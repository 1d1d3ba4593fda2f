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
    raw = request.COOKIES.get(conf.get_setting("DEVICE_COOKIE_NAME"))
    if not raw:
        return None
    try:
        return _signer().unsign(raw)
    except signing.BadSignature:
        return None


def get_participant(request, *, create=False):
    """Return ``(participant, new_token)``; ``new_token`` is set when a new device identity was created and
    must be stored with :func:`remember_device`."""
    from .models.participation import Participant

    token = device_token(request)
    if token:
        participant = Participant.objects.filter(token_hash=keyed_hash(token, "device")).first()
        if participant is not None:
            return participant, None
    if not create:
        return None, None
    token = secrets.token_urlsafe(32)
    participant = Participant.objects.create(token_hash=keyed_hash(token, "device"))
    return participant, token


def remember_device(request, response, token):
    response.set_cookie(
        conf.get_setting("DEVICE_COOKIE_NAME"),
        _signer().sign(token),
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
    """The client's IP as Django sees it. Behind a proxy, configure it (or a middleware) to set REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR", "") or ""


def subnet_of(address):
    """The /24 (IPv4) or /64 (IPv6) network: many phones of one mobile operator share such a block."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
