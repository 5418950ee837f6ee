"""How posts look in JSON (marshmallow), in and out.

The rules here are the OpenAPI document's too (``minLength``, ``maxLength``, ``pattern``), so a client
knows before sending what the server refuses: no NUL character (PostgreSQL cannot store one), a title
with something other than spaces.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, fields, validate

#: No NUL character anywhere; with ``HAS_TEXT``, at least one character that is not a space.
NO_NUL = validate.Regexp(r"^[^\x00]*$", error="Text may not hold a NUL character.")
HAS_TEXT = validate.Regexp(r"^[^\x00]*[^\s\x00][^\x00]*$", error="Write something other than spaces.")


class UtcDateTime(fields.DateTime):
    """A timestamp written with its offset (RFC 3339), also when the database gave it back without one
    (SQLite keeps no time zone: the models store UTC)."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class PostSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), HAS_TEXT])
    body = fields.String(load_default="", validate=[validate.Length(max=20000), NO_NUL])
    owner = fields.String(attribute="owner.username", dump_only=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)
