"""The public, versioned API (django-ninja, OpenAPI at ``api/v1/openapi.json``). See docs/api.md."""

from .v1 import api

__all__ = ["api"]
