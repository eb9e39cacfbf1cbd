"""Every hook is documented and tested (the datasette rule)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from quotestance import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = hookspecs.hook_names()


def test_the_public_contract_is_there() -> None:
    assert {"quotestance_extract", "quotestance_sinks", "quotestance_stance_model"} <= set(HOOKS)
    assert inspect.signature(hookspecs.quotestance_extract).parameters.keys() == {"doc", "lang"}


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_docstring(hook: str) -> None:
    assert (getattr(hookspecs, hook).__doc__ or "").strip()


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_in_the_readme(hook: str) -> None:
    assert f"`{hook}(" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_exercised_by_a_test(hook: str) -> None:
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py") if p.name != Path(__file__).name]
    assert any(f"def {hook}(" in src for src in sources), f"no test implements {hook}"
