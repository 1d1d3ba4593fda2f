"""OpenGov citizen participation for Wagtail sites: campaigns, projects, a fair Roulette, objections."""

__version__ = "0.1.0"
