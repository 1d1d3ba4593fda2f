"""The models of wagtail_opengov.

Submodules by concern, imported one way: ``stages`` (pure rules) ← ``snippets`` ← ``campaign`` ← ``project``;
``participation`` (participants, roulette slots, impressions, votes) refers to pages only by foreign key.
"""

from .campaign import CampaignPage, CampaignPageMixin
from .checkpoint import CheckpointDecision, CheckpointOutcome, ControlCheckpointTask
from .comments import Comment, CommentStatus, Complaint, ModerationMode
from .objections import Objection, ObjectionSource, ObjectionStatus
from .participation import (
    Impression,
    Participant,
    ProjectCard,
    RouletteSlot,
    VerificationLevel,
    Vote,
    VoteChoice,
    VoteStatus,
    VoteStatusChange,
)
from .project import InitiatorKind, ProjectPage, ProjectPageImage, ProjectPageMixin, ProjectStageChange
from .results import DecisionOutcome, ProjectDecision
from .snippets import Area, Category, StateBody
from .stages import MAIN_PATH, InvalidStageTransition, Stage, check_transition
from .submissions import MessageSender, Submission, SubmissionMessage

__all__ = [
    "Area",
    "CampaignPage",
    "CampaignPageMixin",
    "Comment",
    "CommentStatus",
    "Complaint",
    "ModerationMode",
    "Objection",
    "ObjectionSource",
    "ObjectionStatus",
    "Category",
    "CheckpointDecision",
    "CheckpointOutcome",
    "ControlCheckpointTask",
    "DecisionOutcome",
    "Impression",
    "InitiatorKind",
    "InvalidStageTransition",
    "MAIN_PATH",
    "Participant",
    "ProjectCard",
    "ProjectDecision",
    "ProjectPage",
    "ProjectPageImage",
    "ProjectPageMixin",
    "ProjectStageChange",
    "RouletteSlot",
    "Stage",
    "StateBody",
    "Submission",
    "SubmissionMessage",
    "MessageSender",
    "VerificationLevel",
    "Vote",
    "VoteChoice",
    "VoteStatus",
    "VoteStatusChange",
    "check_transition",
]
