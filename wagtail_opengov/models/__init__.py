"""The models of wagtail_opengov.

Submodules by concern, imported one way: ``stages`` (pure rules) ← ``snippets`` ← ``campaign`` ← ``project``.
"""

from .campaign import CampaignPage, CampaignPageMixin
from .project import InitiatorKind, ProjectPage, ProjectPageImage, ProjectPageMixin, ProjectStageChange
from .snippets import Area, Category, StateBody
from .stages import MAIN_PATH, InvalidStageTransition, Stage, check_transition

__all__ = [
    "Area",
    "CampaignPage",
    "CampaignPageMixin",
    "Category",
    "InitiatorKind",
    "InvalidStageTransition",
    "MAIN_PATH",
    "ProjectPage",
    "ProjectPageImage",
    "ProjectPageMixin",
    "ProjectStageChange",
    "Stage",
    "StateBody",
    "check_transition",
]
