from typing import List, Optional

from ninja import Schema


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
    campaign: Optional[int] = None
    categories: List[str] = []


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
