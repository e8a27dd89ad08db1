"""Background work of the post area, through django-tasks (ImmediateBackend in the demo and the
tests, the database backend and its worker in production)."""

from __future__ import annotations

from django_tasks import task

from sikkerhedsnet.post.services import letter_deliver


@task()
def deliver_letter(letter_id: int) -> str:
    """Hand one letter to the delivery channel; returns the letter's status afterwards."""
    return str(letter_deliver(letter_id=letter_id).status)
