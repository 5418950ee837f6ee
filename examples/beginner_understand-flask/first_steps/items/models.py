"""The Item model (peewee) and the query of its list page."""

from __future__ import annotations

from typing import Any

import peewee

from ..database import BaseModel, Page, paginate, utcnow


class Item(BaseModel):
    """An item."""

    title = peewee.CharField(max_length=200)
    body = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=utcnow, index=True)
    updated_at = peewee.DateTimeField(default=utcnow)

    class Meta:
        table_name = "items"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> Any:
        """Save, stamping ``updated_at`` on changes."""
        if self.id is not None:
            self.updated_at = utcnow()
        return super().save(*args, **kwargs)


def list_items(page: int, per_page: int) -> Page:
    """One page of items, newest first."""
    query = Item.select(Item).order_by(Item.created_at.desc(), Item.id.desc())
    return paginate(query, page, per_page)
