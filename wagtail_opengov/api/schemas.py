from typing import List, Optional

from ninja import Path, Schema
from pydantic import Field

from ..db import PAGE_ID_MAX

# Bounded, so an absurd id gets the API's 400 instead of a database error.
CampaignId = Path[int, {"ge": 1, "le": PAGE_ID_MAX}]


class CategoryOut(Schema):
    slug: str
    name: str


class CampaignOut(Schema):
    id: int
    title: str
    url: str
    voting_open: bool
    submission_open: bool
    categories: List[CategoryOut]


class DrawIn(Schema):
    campaign: Optional[int] = Field(None, ge=1, le=PAGE_ID_MAX)
    # A campaign has a handful of categories; a longer list is a client bug or an attempt to build a huge query.
    categories: List[str] = Field(default_factory=list, max_length=50)


class ProjectCard(Schema):
    id: int
    title: str
    summary: str
    url: str
    category: Optional[CategoryOut]


class DrawOut(Schema):
    project: ProjectCard
    ticket: str


class VoteIn(Schema):
    ticket: str
    choice: str
    reason: str = ""


class VoteOut(Schema):
    project: int
    choice: str


class ErrorOut(Schema):
    error: str
    message: str


class ProjectResult(Schema):
    id: int
    title: str
    url: str
    votes_for: int
    votes_against: int


class ResultsOut(Schema):
    campaign: int
    voting_open: bool
    final: bool
    projects: List[ProjectResult]


class StateBodyObjectionStats(Schema):
    state_body: Optional[int]
    name: str
    received: int
    answered: int
    due: int
    answered_in_time: int
    share_answered_in_time: Optional[float]
    median_days_to_answer: Optional[float]
    overdue: int


class ObjectionStatsOut(Schema):
    campaign: int
    state_bodies: List[StateBodyObjectionStats]
