"""The Item model (peewee) and the queries the views need."""

from __future__ import annotations

from typing import Any

import peewee

from ..database import BaseModel, Page, get_or_404, paginate, utcnow


class Item(BaseModel):
    """A item."""

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


def get_item_or_404(item_id: int) -> Item:
    """The item with this id; a 404 error if there is none."""
    return get_or_404(Item, item_id)


def save_item(item: Item) -> None:
    """Save a new or changed item."""
    item.save()


def delete_item(item: Item) -> None:
    """Delete a item."""
    item.delete_instance()
