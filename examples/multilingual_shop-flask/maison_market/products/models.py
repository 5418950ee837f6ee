"""The Product model (SQLAlchemy) and the query of its list page."""

from __future__ import annotations

from datetime import datetime

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import DateTime, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from ..auth.models import User
from ..database import db, paginate, utcnow


class Product(db.Model):
    """A product, written by its owner."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    owner: Mapped[User] = relationship()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def __str__(self) -> str:
        return self.title


def list_products(page: int, per_page: int) -> Pagination:
    """One page of products, newest first."""
    query = select(Product).options(selectinload(Product.owner)).order_by(Product.created_at.desc(), Product.id.desc())
    return paginate(query, page, per_page)
