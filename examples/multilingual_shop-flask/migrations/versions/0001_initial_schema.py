"""Initial schema: products.

Revision ID: 0001
Revises: 0000
Create Date: 2026-01-01 00:00:00
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001"
down_revision = "0000"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.Index(op.f("ix_products_created_at"), "created_at"),
        # Its owner: a user (deleting the user deletes their products).
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_products_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.Index(op.f("ix_products_owner_id"), "owner_id"),
    )


def downgrade():
    op.drop_table("products")
