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


def test_quotes_are_a_span_group_that_displacy_shows() -> None:
    from spacy import displacy

    nlp = spacy.load(EN_MODEL)
    nlp.add_pipe("quotestance")
    doc = nlp(TEXT + ' "Nobody leaves," she added.')
    group = doc.spans["quotes"]
    assert [span.text for span in group] == ["We will never give up,", "Nobody leaves,"]
    assert [span._.speaker for span in group] == ["Maria Kovalenko", "Maria Kovalenko"]
    assert all(span.label_ == span._.stance and 0 <= span._.speaker_confidence <= 1 for span in group)
    html = displacy.render(doc, style="span", options={"spans_key": "quotes"}, page=False)
    assert "We" in html and group[0].label_ in html


def test_the_span_group_survives_a_docbin_and_the_attributes_need_user_data() -> None:
    from spacy.tokens import DocBin

    nlp = spacy.load(EN_MODEL)
    nlp.add_pipe("quotestance")
    doc = nlp(TEXT)
    plain = list(DocBin(docs=[doc]).get_docs(nlp.vocab))[0]
    assert [s.text for s in plain.spans["quotes"]] == ["We will never give up,"]
    full = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))[0]
    assert [q["speaker"] for q in full._.quotes] == ["Maria Kovalenko"] and full.spans["quotes"][0]._.speaker == "Maria Kovalenko"
    plain_again = DocBin().from_bytes(DocBin(docs=[doc]).to_bytes())
    assert list(plain_again.get_docs(nlp.vocab))[0]._.quotes is None  # without user data: only the span group


def test_requires_and_assigns_are_declared() -> None:
    meta = spacy.language.Language.get_factory_meta("quotestance")
    assert "token.dep" in meta.requires and "doc.spans" in meta.assigns


def test_a_pipeline_without_a_parser_is_warned_about() -> None:
    with pytest.warns(UserWarning, match="needs a parser"):
        spacy.blank("en").add_pipe("quotestance")


@pytest.mark.parametrize("config, message", [({"kinds": ["direct", "bogus"]}, "unknown kind"), ({"stance_model": "/nowhere.joblib"}, "no stance model")])
def test_the_config_is_checked_like_the_command_line(config: dict, message: str) -> None:
    from quotestance import QuotestanceError

    nlp = spacy.load(EN_MODEL)
    with pytest.raises(QuotestanceError, match=message):
        nlp.add_pipe("quotestance", config=config)


def test_a_stance_model_by_path(tmp_path: Path) -> None:
    from quotestance.stance import default_model_path

    source = default_model_path()
    assert source is not None
    nlp = spacy.load(EN_MODEL)
    nlp.add_pipe("quotestance", config={"stance_model": str(source)})
    doc = nlp(TEXT)
    assert doc.spans["quotes"][0]._.stance in {"support", "oppose", "neutral"}
