"""flask-or-django: answer the questions the articles ask, get Django or Flask, wired."""

from __future__ import annotations

from generator.recommendation import Recommendation, recommend

__all__ = ["Recommendation", "__version__", "recommend"]

__version__ = "0.1.0"
