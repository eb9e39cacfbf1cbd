"""Speaker roles for the stance model's role feature."""

from __future__ import annotations

import pytest

from quotestance.speaker_roles import load_affiliations, speaker_role


@pytest.mark.parametrize(
    "speaker, mention, role",
    [
        ("Vladimir Putin", "Poutine", "russian_government"),
        ("Svetlana Tikhanovskaya", "l'opposante", "opposition"),
        (None, "a Kremlin spokesman", "russian_government"),
        ("spokeswoman for the European Union", None, "international_body"),
        ("demonstrators", "nearly 100,000 demonstrators", "citizen"),
        (None, "un analyste", "analyst"),
        ("Pierre Dumas", "Pierre Dumas", "unknown"),
        (None, None, "unknown"),
    ],
)
def test_role_from_name_then_mention(speaker: str | None, mention: str | None, role: str) -> None:
    assert speaker_role(speaker, mention) == role


def test_table_can_be_extended_and_rejects_unknown_roles() -> None:
    table = load_affiliations().extended([("Pierre Dumas", "analyst")])
    assert speaker_role("Pierre Dumas", None, table) == "analyst"
    assert speaker_role("Pierre Dumas", None) == "unknown"
    with pytest.raises(ValueError):
        table.add("someone", "wizard")
