"""The Roulette's selection engine ("jittered deck"): pure database logic, no HTTP.

See engine.py for how a draw works and why it is fair."""

from .engine import DrawResult, admit, canonical, draw, fairness, remove, sync_project

__all__ = ["DrawResult", "admit", "canonical", "draw", "fairness", "remove", "sync_project"]
