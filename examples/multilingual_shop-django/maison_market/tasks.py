"""The project's background jobs (Celery tasks), and what they all share.

Every job derives from :class:`Job`: acknowledged only once it has run (so a job whose worker dies mid-run
is given to a worker again), retried with exponential backoff on the errors it names, and logged with its
arguments redacted (they may hold email addresses or reset links).
"""

import logging

from celery import Task, shared_task
from django.core.management import call_command
from django.db import DatabaseError

logger = logging.getLogger(__name__)

REDACTED = "<redacted>"


class Job(Task):
    """The base of the project's jobs: late acknowledgement, retries with backoff, redacted arguments."""

    acks_late = True
    reject_on_worker_lost = True
    # Retried on the errors a task lists in ``autoretry_for``: after about 1, 2, 4, 8, 16 seconds (with
    # jitter), at most 10 minutes apart; then the job fails for good, and is logged.
    max_retries = 5
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True

    def apply_async(self, args=None, kwargs=None, **options):
        # What the worker's log (and any monitor) shows of the arguments: their number and names only.
        options.setdefault("argsrepr", repr(tuple(REDACTED for _ in args or ())))
        options.setdefault("kwargsrepr", repr(dict.fromkeys(kwargs or {}, REDACTED)))
        return super().apply_async(args, kwargs, **options)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        logger.error(
            "Job %s[%s] failed after %d retries: %s (arguments: %s)",
            self.name,
            task_id,
            self.request.retries,
            type(exc).__name__,
            REDACTED,
        )


@shared_task(base=Job, autoretry_for=(DatabaseError,))
def clear_expired_sessions():
    """Delete the expired sessions from the database (Django's ``clearsessions``); beat runs it daily."""
    call_command("clearsessions")
