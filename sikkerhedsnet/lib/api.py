"""Shared pieces of the JSON API's schemas."""

from ninja import Schema


class ErrorOut(Schema):
    detail: str


# Every operation may answer these: not logged in, and missing-or-forbidden (indistinguishable).
STANDARD_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
