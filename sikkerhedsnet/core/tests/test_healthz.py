from unittest import mock

from django.db.utils import OperationalError
from django.test import Client


def test_it_answers_200_when_the_database_answers(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_when_the_database_does_not(db: None) -> None:
    with mock.patch("sikkerhedsnet.core.views.connection.cursor", side_effect=OperationalError):
        response = Client().get("/healthz")
    assert response.status_code == 503
