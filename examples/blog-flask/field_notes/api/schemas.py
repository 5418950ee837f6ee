"""How posts look in JSON (marshmallow), in and out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class PostSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    body = fields.String(load_default="", validate=validate.Length(max=20000))
    owner = fields.String(attribute="owner.username", dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)
