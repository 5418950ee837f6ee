"""The Post model (SQLAlchemy) and the queries the views need."""

from __future__ import annotations

from datetime import datetime

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import DateTime, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from ..auth.models import User
from ..extensions import db, utcnow


class Post(db.Model):
    """A post, written by its owner."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    owner: Mapped[User] = relationship()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def __str__(self) -> str:
        return self.title


def list_posts(page: int, per_page: int) -> Pagination:
    """One page of posts, newest first."""
    query = select(Post).options(selectinload(Post.owner)).order_by(Post.created_at.desc(), Post.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_post_or_404(post_id: int) -> Post:
    """The post with this id; a 404 error if there is none."""
    return db.get_or_404(Post, post_id)


def save_post(post: Post) -> None:
    """Save a new or changed post."""
    db.session.add(post)
    db.session.commit()


def delete_post(post: Post) -> None:
    """Delete a post."""
    db.session.delete(post)
    db.session.commit()
