"""The command line, driven through main() and once as a real process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotestance.cli import main
from quotestance.plugins.sinks import CSV_FIELDS

ARTICLE = "The minister said on Monday: \u201cWe will not resign.\u201d\n\n\u201cNever,\u201d added the minister.\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Le ministre a d\u00e9clar\u00e9 : \u00ab Nous resterons. \u00bb\n", encoding="utf-8")
    (folder / "ignored.bin").write_bytes(b"\x00\x01")
    return folder


def test_table_lists_speaker_stance_and_quote(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "SPEAKER" in out and "STANCE" in out and "QUOTE" in out
    assert "We will not resign." in out and "Nous resterons." in out
    assert "ignored.bin" not in out


def test_jsonl_rows_carry_document_id_and_all_fields(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus / "a.txt"), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == ["We will not resign.", "Never,"]
    assert all(r["document_id"] == str(corpus / "a.txt") for r in rows)
    assert list(rows[0]) == list(CSV_FIELDS)
    assert ARTICLE[rows[0]["start"] : rows[0]["end"]] == rows[0]["text"]


def test_csv_has_a_header_and_one_row_per_quote(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3
    assert rows[0]["speaker"] == "minister"


def test_stdin_is_read_for_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class FakeStdin(io.StringIO):
        buffer = io.BytesIO(ARTICLE.encode("utf-8"))

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert main(["analyze", "-", "--format", "jsonl", "--lang", "en"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["document_id"] == "-" and rows[0]["lang"] == "en"


def test_missing_path_fails_fast_with_exit_2(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus), str(corpus / "nope.txt")]) == 2
    captured = capsys.readouterr()
    assert "nope.txt: no such file or folder" in captured.err
    assert captured.out == ""  # nothing analysed before the check


def test_undecodable_file_is_skipped_with_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("\u00ab caf\u00e9 \u00bb".encode("latin-1"))
    assert main(["analyze", str(tmp_path), "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert "latin1.txt: skipped: not UTF-8 text" in captured.err
    assert len(captured.out.splitlines()) == 2  # the good document is still there


def test_unsupported_language_document_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "de.txt").write_text("Der Minister sagte: \u201eWir bleiben.\u201c", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "de.txt")]) == 1
    assert "no pipeline" in capsys.readouterr().err


def test_console_script_runs_as_a_process(corpus: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quotestance", "analyze", str(corpus / "a.txt"), "--format", "jsonl"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[0])["text"] == "We will not resign."


def test_train_and_analyze_with_the_new_model(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small = Path(__file__).parent / "fixtures" / "stance_small.jsonl"
    model = tmp_path / "toy.joblib"
    assert main(["train", str(small), "-o", str(model), "--no-cv", "--version", "0.0.1"]) == 0
    out = capsys.readouterr().out
    assert "held-out test macro-F1" in out and model.with_suffix(".json").is_file()
    assert main(["analyze", str(corpus / "a.txt"), "--format", "jsonl", "--model", str(model), "--trust-model"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(r["stance"] in {"support", "oppose", "neutral"} for r in rows)


def test_missing_model_is_a_usage_error(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus), "--model", str(corpus / "none.joblib")]) == 2
    assert "no stance model" in capsys.readouterr().err


def test_evaluate_prints_the_scorer_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    start = ARTICLE.index("We will not resign.")
    gold = {"doc": "a.txt", "start": start, "end": start + 19, "text": "We will not resign.", "speaker": "minister",
            "aliases": [], "stance": None, "status": "required"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "gold.jsonl"), str(tmp_path / "texts"), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["extract_R"] == 1.0 and scores["attribution_acc"] == 1.0 and scores["required"] == 1


def test_unknown_sink_is_a_usage_error(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "first.jsonl"
    out.write_text('{"document_id": "earlier run"}\n', encoding="utf-8")
    assert main(["analyze", str(corpus), "--sink", f"jsonl:{out}", "--sink", "nosuch:x"]) == 2
    assert "unknown sink 'nosuch'" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == '{"document_id": "earlier run"}\n'  # checked before anything opened


def test_stdin_that_is_not_utf8_is_skipped(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class FakeStdin(io.StringIO):
        buffer = io.BytesIO(b'\xff "We will never give up," she said.')

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert main(["analyze", "-", "--lang", "en"]) == 1
    assert "-: skipped: not UTF-8 text" in capsys.readouterr().err


def test_unknown_kind_is_a_usage_error(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus), "--kinds", "direct,partail"]) == 2
    assert "unknown kind(s) partail" in capsys.readouterr().err


def test_plugins_listing_with_everything_blocked(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QUOTESTANCE_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("QUOTESTANCE_BLOCK_PLUGINS", "quotestance.plugins.quote_marks,quotestance.plugins.sinks")
    assert main(["plugins"]) == 0
    assert "no plugins registered" in capsys.readouterr().out


def test_two_jobs_write_what_one_writes_and_a_summary_ends_the_run(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus), "--format", "jsonl"]) == 0
    one = capsys.readouterr()
    assert main(["analyze", str(corpus), "--format", "jsonl", "--jobs", "2"]) == 0
    two = capsys.readouterr()
    assert two.out == one.out and one.out
    assert "2 documents analysed, 3 quotes, 0 skipped" in two.err.splitlines()[-1]


def test_jobs_must_be_positive_or_minus_one(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", str(corpus), "--jobs", "0"])
    assert exit_info.value.code == 2 and "--jobs" in capsys.readouterr().err


def test_full_and_selective_parses_print_the_same_rows(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus), "--format", "jsonl", "--parse", "full"]) == 0
    full = capsys.readouterr().out
    assert main(["analyze", str(corpus), "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == full


def test_plugins_listing_names_the_sinks_and_extractors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--json"]) == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["quotestance.plugins.sinks"]["sinks"] == ["csv", "jsonl", "sqlite", "table"]
    assert rows["quotestance.plugins.quote_marks"]["extractor"] is True
    assert main(["plugins"]) == 0
    assert "sink csv, jsonl, sqlite, table" in capsys.readouterr().out
