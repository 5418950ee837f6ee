"""The recommendation as people read it: a rich panel, or plain lines."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from generator.recommendation import Recommendation


def recommendation_panel(rec: Recommendation) -> Panel:
    """A panel with the framework, how strong the case is, the deciding reasons and the best counter-reason."""
    picked = rec.framework.capitalize()
    lines: list[Text] = [
        Text.assemble(
            ("Recommended: ", "bold"),
            (picked, "bold green"),
            f"  ({rec.strength} case: Django {rec.scores['django']} points, Flask {rec.scores['flask']})",
        ),
    ]
    reasons = Table.grid(padding=(0, 1))
    reasons.add_column(no_wrap=True)
    reasons.add_column(max_width=76)
    for reason in rec.deciding_reasons:
        reasons.add_row(Text("+", "green"), Text.assemble(reason.text, (f" [{reason.source}]", "dim")))
    counter = rec.best_counter_reason
    if counter is not None:
        reasons.add_row(
            Text("-", "yellow"),
            Text.assemble(
                (f"Best case for {counter.framework.capitalize()}: ", "yellow"),
                counter.text,
                (f" [{counter.source}]", "dim"),
            ),
        )
    return Panel(Group(*lines, Text(""), reasons), title="Flask or Django?", expand=False)


def print_recommendation(rec: Recommendation, console: Console) -> None:
    """Print the recommendation panel."""
    console.print(recommendation_panel(rec))
