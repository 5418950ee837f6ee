"""Peewee migrations -- 001_initial.py: items.

Write the next one with ``flask db create NAME`` after changing a model, and read it.
Reference: https://github.com/klen/peewee_migrate
"""

import peewee as pw
from peewee_migrate import Migrator


def migrate(migrator: Migrator, database: pw.Database, *, fake=False):
    """Create the tables."""

    @migrator.create_model
    class Item(pw.Model):
        id = pw.AutoField()
        title = pw.CharField(max_length=200)
        body = pw.TextField(default="")
        created_at = pw.DateTimeField(index=True)
        updated_at = pw.DateTimeField()

        class Meta:
            table_name = "items"


def rollback(migrator: Migrator, database: pw.Database, *, fake=False):
    """Drop the tables."""
    migrator.remove_model("items")
