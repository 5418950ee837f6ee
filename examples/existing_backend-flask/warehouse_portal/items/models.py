"""The Item model (SQLAlchemy) and the queries the views need."""

from __future__ import annotations

from datetime import datetime

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import DateTime, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db, utcnow


class Item(db.Model):
    """A item."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def __str__(self) -> str:
        return self.title


def list_items(page: int, per_page: int) -> Pagination:
    """One page of items, newest first."""
    query = select(Item).order_by(Item.created_at.desc(), Item.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_item_or_404(item_id: int) -> Item:
    """The item with this id; a 404 error if there is none."""
    return db.get_or_404(Item, item_id)


def save_item(item: Item) -> None:
    """Save a new or changed item."""
    db.session.add(item)
    db.session.commit()


def delete_item(item: Item) -> None:
    """Delete a item."""
    db.session.delete(item)
    db.session.commit()
