"""Signals of wagtail_opengov, for the package's own features and for host sites."""

from django.dispatch import Signal

# Sent once a vote is stored (counted or quarantined), with ``vote``. Votes are written by one SQL statement on
# PostgreSQL, so Django's post_save is not sent for them: connect here instead.
vote_cast = Signal()
