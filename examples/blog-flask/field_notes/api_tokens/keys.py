"""Making API tokens and their digests: only the digest is stored, so a leaked database holds no token."""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["PREFIX", "digest", "new_token"]

#: Tokens start with it: easy to recognise in a leaked file (secret scanners) and in a header.
PREFIX = "fod_"


def new_token() -> str:
    """A new random token (256 bits from ``secrets``)."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What the database keeps of ``token``: its SHA-256, in hex (a random token needs no slow hash)."""
    return hashlib.sha256(token.encode()).hexdigest()
