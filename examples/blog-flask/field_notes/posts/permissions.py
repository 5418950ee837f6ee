"""Who may change posts: logged-in users write, and only the owner or an admin changes one.

The pages and the API ask the same two questions here. Authentication is the site's session cookie
(the API's too), so a project without accounts has a ``permissions.py`` that allows everything.
"""

from __future__ import annotations

from typing import Any

from flask_login import current_user, login_required

from .models import Post

__all__ = ["login_to_write", "new_post_fields", "refusal"]

#: Guards the pages that write: anonymous visitors are sent to the login page.
login_to_write = login_required


def refusal(post: Post | None = None) -> tuple[int, str] | None:
    """Why the current user may not write ``post`` (or a new post): (HTTP status, message), or None."""
    if not current_user.is_authenticated:
        return 401, "Log in first."
    if post is not None and post.owner_id != current_user.id and not current_user.is_admin:
        return 403, "Only its owner or an admin may change this post."
    return None


def new_post_fields() -> dict[str, Any]:
    """The fields a new post takes from the current user: its owner."""
    return {"owner": current_user._get_current_object()}
