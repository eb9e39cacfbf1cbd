"""Runs that die lose nothing: kill -9 then --resume, a broken pipe, Ctrl-C, exit statuses that tell the truth.

These tests run the real console script in a subprocess on a corpus of
small written articles, and compare what the sinks hold with what one
uninterrupted run writes.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from quotestance.cli import main

NAMES = ["Anna Roy", "Ivan Petrov", "Maria Kovalenko", "Tomas Berg", "Lena Fischer", "Pavel Dudko", "Olga Sidorova", "Marc Dupont"]
DOCUMENTS = 60
CLI = [sys.executable, "-m", "quotestance", "analyze"]


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(DOCUMENTS):
        a, b = NAMES[i % 8], NAMES[(i * 3 + 1) % 8]
        (folder / f"doc{i:03d}.txt").write_text(
            f'Talks resumed in Vilnius on day {i}.\n\n"We will keep the border crossing {i} open," said {a}.\n\n'
            f'{b} disagreed. "Nothing has changed since the vote," {b.split()[1]} told reporters. "Nobody believes it."\n',
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("durability") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Counter:
    out = tmp_path_factory.mktemp("reference") / "all.jsonl"
    subprocess.run(CLI + [str(corpus), "--sink", f"jsonl:{out}"], check=True, capture_output=True)
    rows = _jsonl(out)
    assert len(rows) == 3 * DOCUMENTS
    return rows


def _key(row: dict) -> tuple:
    return (row["document_id"], row["start"], row["end"], row["text"], row["speaker"])


def _jsonl(path: Path) -> Counter:
    return Counter(_key(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines())


def _sqlite(path: Path) -> Counter:
    with sqlite3.connect(path) as db:
        rows = db.execute('SELECT document_id, start, "end", text, speaker FROM quotes').fetchall()
    return Counter(tuple(r) for r in rows)


def _stored(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _run_until(args: list[str], db: Path, fraction: float, send: int) -> subprocess.CompletedProcess:
    """Start a run, wait until ``fraction`` of the corpus is stored, then send it ``send``."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _stored(db) < fraction * DOCUMENTS and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if process.poll() is None:
        process.send_signal(send)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def test_kill_9_at_30_60_and_85_percent_then_resume_loses_and_duplicates_nothing(
    corpus: Path, reference: Counter, tmp_path: Path
) -> None:
    db, jsonl = tmp_path / "q.db", tmp_path / "q.jsonl"
    args = CLI + [str(corpus), "--sink", f"sqlite:{db}", "--sink", f"jsonl:{jsonl}"]
    killed = [_run_until(args + (["--resume"] if k else []), db, fraction, signal.SIGKILL)
              for k, fraction in enumerate((0.30, 0.60, 0.85))]
    assert all(run.returncode == -signal.SIGKILL for run in killed), [run.stderr for run in killed]
    assert _stored(db) < DOCUMENTS
    final = subprocess.run(args + ["--resume"], capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert "already stored" in final.stderr
    sqlite_rows = _sqlite(db)
    assert sqlite_rows == Counter({k: 1 for k in reference}) == reference
    assert _jsonl(jsonl) == reference  # every quote exactly once


def test_a_broken_pipe_completes_the_file_sinks_and_exits_non_zero(corpus: Path, reference: Counter, tmp_path: Path) -> None:
    db, jsonl = tmp_path / "x.db", tmp_path / "x.jsonl"
    process = subprocess.Popen(CLI + [str(corpus), "--sink", f"sqlite:{db}", "--sink", f"jsonl:{jsonl}", "--format", "jsonl"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.readline()  # `| head -1`
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert b"broken pipe" in err and b"Traceback" not in err
    assert _jsonl(jsonl) == reference and _sqlite(db) == reference


def test_ctrl_c_stops_after_the_current_document_closes_the_sinks_and_exits_130(
    corpus: Path, reference: Counter, tmp_path: Path
) -> None:
    db, jsonl = tmp_path / "c.db", tmp_path / "c.jsonl"
    args = CLI + [str(corpus), "--sink", f"sqlite:{db}", "--sink", f"jsonl:{jsonl}"]
    run = _run_until(args, db, 0.3, signal.SIGINT)
    assert run.returncode == 130, run.stderr
    assert "Traceback" not in run.stderr
    assert [line for line in run.stderr.splitlines() if "interrupted" in line][0].count("--resume") == 1
    stored = _stored(db)
    assert 0 < stored < DOCUMENTS
    documents_in_file = {key[0] for key in _jsonl(jsonl)}
    assert len(documents_in_file) == stored  # the file holds whole documents, the same ones
    assert subprocess.run(args + ["--resume"], capture_output=True).returncode == 0
    assert _jsonl(jsonl) == reference and _sqlite(db) == reference


def test_an_empty_folder_is_a_failure_with_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["analyze", str(tmp_path / "empty")]) == 1
    assert "folder holds no .txt/.text files" in capsys.readouterr().err


def test_a_usage_error_found_late_leaves_existing_output_untouched(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "keep.jsonl"
    out.write_text('{"document_id": "a"}\n' * 1000, encoding="utf-8")
    before = out.read_bytes()
    assert main(["analyze", str(corpus), "--sink", f"jsonl:{out}", "--kinds", "direct,bogus"]) == 2
    assert main(["analyze", str(corpus), "--sink", f"jsonl:{out}", "--model", str(tmp_path / "none.joblib")]) == 2
    assert out.read_bytes() == before


def test_resume_needs_a_sink_that_can_resume(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(corpus), "--resume"]) == 2
    assert main(["analyze", str(corpus), "--resume", "--sink", "table:-"]) == 2
    assert "--resume needs" in capsys.readouterr().err


def test_two_runs_cannot_write_one_jsonl_file(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quotestance import QuoteStance

    out = tmp_path / "shared.jsonl"
    first = QuoteStance(load_entrypoints=False).open_sink(f"jsonl:{out}")
    try:
        assert main(["analyze", str(corpus), "--sink", f"jsonl:{out}"]) == 2
        assert "locked" in capsys.readouterr().err
    finally:
        first.close()


def test_offsets_point_into_a_crlf_file_as_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes('Talks ended.\r\n\r\n"We stay," said Anna Roy.\r\n\r\n"We go," said Ivan Petrov.\r\n'.encode())
    assert main(["analyze", str(path), "--format", "jsonl"]) == 0
    stored = path.read_bytes().decode("utf-8")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [stored[r["start"] : r["end"]] for r in rows] == ["We stay,", "We go,"]
    assert [r["speaker"] for r in rows] == ["Anna Roy", "Ivan Petrov"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_keeps_its_rows(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "odd")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as handle:
        handle.write('"We stay," said Anna Roy.\n')
    db, jsonl, csv_out = tmp_path / "o.db", tmp_path / "o.jsonl", tmp_path / "o.csv"
    assert main(["analyze", os.fsdecode(folder), "--sink", f"sqlite:{db}", "--sink", f"jsonl:{jsonl}", "--sink", f"csv:{csv_out}"]) == 0
    (row,) = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert row["document_id"].endswith("caf\\xe9.txt")
    assert len(_sqlite(db)) == 1 and "caf\\xe9.txt" in csv_out.read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_failure_not_a_success(corpus: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(CLI + [str(corpus / "doc001.txt"), "--format", "jsonl"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert "No space left on device" in done.stderr


def test_resume_with_standard_output_too_prints_only_the_rest(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    files = sorted(corpus.glob("*.txt"))
    assert main(["analyze", *map(str, files[:3]), "--sink", f"jsonl:{out}"]) == 0
    printed = subprocess.run(CLI + [*map(str, files[:5]), "--sink", f"jsonl:{out}", "--format", "jsonl", "--resume"],
                             capture_output=True, text=True)
    assert printed.returncode == 0, printed.stderr
    documents = [json.loads(line)["document_id"] for line in printed.stdout.splitlines()]
    assert sorted(set(documents)) == [str(p) for p in files[2:5]]  # the last stored one is redone, as its rows may be torn
    assert sum(_jsonl(out).values()) == len(_jsonl(out)) == 15  # five documents, three quotes each, none twice


def test_a_sink_that_fails_to_open_leaves_the_other_files_untouched(corpus: Path, tmp_path: Path) -> None:
    from quotestance import QuoteStance

    kept, locked = tmp_path / "kept.jsonl", tmp_path / "locked.jsonl"
    kept.write_text('{"document_id": "earlier"}\n', encoding="utf-8")
    holder = QuoteStance(load_entrypoints=False).open_sink(f"jsonl:{locked}")
    try:
        assert main(["analyze", str(corpus), "--sink", f"jsonl:{kept}", "--sink", f"jsonl:{locked}"]) == 2
    finally:
        holder.close()
    assert kept.read_text(encoding="utf-8") == '{"document_id": "earlier"}\n'


def test_adding_a_sink_on_resume_duplicates_nothing_and_keeps_documents_not_redone(corpus: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "a.jsonl", tmp_path / "a.db"
    files = [str(p) for p in sorted(corpus.glob("*.txt"))]
    assert main(["analyze", *files[:6], "--sink", f"jsonl:{out}"]) == 0
    assert main(["analyze", *files[:4], "--sink", f"jsonl:{out}", "--sink", f"sqlite:{db}", "--resume"]) == 0
    rows = _jsonl(out)
    assert sum(rows.values()) == len(rows) == 18  # six documents, three quotes each, none twice, none lost
    assert {key[0] for key in _sqlite(db)} == set(files[:4])


def test_resume_with_a_sink_that_cannot_resume_is_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    assert main(["analyze", str(corpus), "--sink", f"jsonl:{tmp_path / 'x.jsonl'}", "--sink", f"table:{tmp_path / 't.txt'}", "--resume"]) == 2


def test_csv_on_a_closed_standard_output_is_a_failure_not_a_usage_error(corpus: Path) -> None:
    process = subprocess.Popen(CLI + [str(corpus / "doc001.txt"), "--format", "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
