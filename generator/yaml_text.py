"""YAML read with libyaml's parser where PyYAML was built with it: 8x faster than the pure-Python one on
copier.yml, which ``new`` reads twice (the questions, and the settings of the questionnaire's environment)."""

from __future__ import annotations

from typing import Any

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """What ``yaml.safe_load(text)`` returns, parsed by libyaml when it is there."""
    return yaml.load(text, Loader=_SAFE_LOADER)
