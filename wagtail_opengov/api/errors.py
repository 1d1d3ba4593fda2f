"""One shape for every error of the API, ``{"error": code, "message": translated}``, including those that
django-ninja and Django would answer in their own words: a body that is not JSON, a method an address does not
take, an address the API does not have, a body over Django's size limit."""

from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

# 400 rather than 404 for "nothing here": on sites with i18n_patterns that prefix the default language,
# LocaleMiddleware turns any 404 into a redirect to a language-prefixed URL, which would hand API clients an
# HTML page instead of this error.
NOT_FOUND_STATUS = 400


def payload(code, message):
    return {"error": code, "message": str(message)}


def invalid_fields(fields):
    return _("The request is not valid. Check these fields: %(fields)s.") % {"fields": ", ".join(fields)}


def _field_name(loc):
    # ("body", "payload", "campaign") → "campaign": the view's parameter name means nothing to a client.
    # ("path", "campaign_id") → "campaign_id".
    loc = tuple(loc)
    names = loc[2:] if loc[:1] == ("body",) else loc[1:]
    return ".".join(str(name) for name in names) or "body"


def not_found_message():
    return _("There is nothing at this address in the API.")


def install(api):
    """Register the handlers on ``api`` (a NinjaAPI) for the errors raised while it handles a request."""

    def respond(request, code, message, status):
        return api.create_response(request, payload(code, message), status=status)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc):
        fields = sorted({_field_name(e.get("loc", ())) for e in exc.errors})
        return respond(request, "invalid_request", invalid_fields(fields), 400)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400:
            # The only 400 django-ninja raises itself: a body it cannot parse (not JSON, or form-encoded).
            return respond(request, "invalid_request", invalid_fields(["body"]), 400)
        return respond(request, "request_refused", _("This request cannot be handled."), exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, "not_found", not_found_message(), NOT_FOUND_STATUS)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        return respond(request, "request_too_large", _("The request is too large."), 413)


def method_not_allowed(request, allowed):
    response = JsonResponse(
        payload(
            "method_not_allowed",
            _("This address does not accept %(method)s requests; it accepts %(allowed)s.")
            % {"method": request.method, "allowed": allowed},
        ),
        status=405,
    )
    response["Allow"] = allowed
    return response


def _json_errors(view):
    """django-ninja answers a method an address does not take with a bare text 405, and its root view raises a
    plain Http404, both outside its exception handlers: give them the API's shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return JsonResponse(payload("not_found", not_found_message()), status=NOT_FOUND_STATUS)
        if response.status_code == 405:
            return method_not_allowed(request, response.get("Allow", ""))
        return response

    return wrapper


@csrf_exempt  # it changes nothing; without this a POST would get Django's HTML CSRF page
def unknown_address(request, *args, **kwargs):
    return JsonResponse(payload("not_found", not_found_message()), status=NOT_FOUND_STATUS)


def urls(api):
    """``api.urls`` for ``include()``, with every view answering in the error shape, and the rest of the
    prefix answered as an unknown address."""
    patterns, app_name, namespace = api.urls
    wrapped = [
        URLPattern(p.pattern, _json_errors(p.callback), p.default_args, p.name) if isinstance(p, URLPattern) else p
        for p in patterns
    ]
    wrapped.append(re_path(r"^.*$", unknown_address))
    return wrapped, app_name, namespace
