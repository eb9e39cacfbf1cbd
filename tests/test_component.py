"""The spaCy component: add_pipe without importing quotestance, n_process=2, to_disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from quotestance.nlp import DEFAULT_MODELS

EN_MODEL = DEFAULT_MODELS["en"][-1]
TEXT = '"We will never give up," said Maria Kovalenko on Monday.'


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_add_pipe_works_in_a_fresh_process_without_importing_quotestance() -> None:
    out = _run(
        "import json, sys, spacy\n"
        f"nlp = spacy.load({EN_MODEL!r})\n"
        "nlp.add_pipe('quotestance')\n"
        f"doc = nlp({TEXT!r})\n"
        "print(json.dumps(doc._.quotes))\n"
    )
    (quote,) = json.loads(out)
    assert quote["text"] == "We will never give up," and quote["speaker"] == "Maria Kovalenko"
    assert quote["stance"] in {"support", "oppose", "neutral"}
    assert 0.0 <= quote["speaker_confidence"] <= 1.0


def test_configurable_extension_and_multiprocess_pipe() -> None:
    nlp = spacy.load(EN_MODEL)
    nlp.add_pipe("quotestance", config={"extension": "quotations", "stance": False})
    docs = list(nlp.pipe([TEXT, "No quotes here at all."], n_process=2))
    assert [len(d._.quotations) for d in docs] == [1, 0]
    assert docs[0]._.quotations[0]["stance"] is None


def test_to_disk_and_back(tmp_path: Path) -> None:
    nlp = spacy.load(EN_MODEL)
    nlp.add_pipe("quotestance", config={"extension": "qs_saved", "include_nonspeech": True})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("quotestance").cfg["include_nonspeech"] is True
    doc = loaded('Troops joined the "Union Shield" drills. ' + TEXT)
    assert {q["kind"] for q in doc._.qs_saved} == {"title", "direct"}


def test_minimum_speaker_confidence_is_a_component_setting() -> None:
    nlp = spacy.load(EN_MODEL)
    nlp.add_pipe("quotestance", config={"extension": "qs_strict", "stance": False, "min_speaker_confidence": 1.0})
    (quote,) = nlp(TEXT)._.qs_strict
    assert quote["speaker"] is None and quote["speaker_confidence"] < 1.0


def test_a_bad_confidence_floor_fails_when_the_component_is_added() -> None:
    from quotestance import InputError

    nlp = spacy.load(EN_MODEL)
    with pytest.raises(InputError, match="min_speaker_confidence"):
        nlp.add_pipe("quotestance", config={"extension": "qs_bad", "min_speaker_confidence": 2})
