"""Model files: the bundled ones are pinned in code, any other needs explicit trust, and nothing goes on the network."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from quotestance import ModelIntegrityError, StanceModel
from quotestance.artifacts import ModelTrustWarning, bundled_path
from quotestance.cli import main
from quotestance.pins import BUNDLED_SHA256


def test_every_bundled_model_is_pinned_in_the_code() -> None:
    for prefix in ("stance", "attribution"):
        path = bundled_path(prefix)
        assert path is not None
        assert BUNDLED_SHA256.get(path.name) == hashlib.sha256(path.read_bytes()).hexdigest(), (
            f"{path.name} changed: update quotestance/pins.py with the sha256 the training script printed"
        )


def _replaced_with_its_card(tmp_path: Path) -> Path:
    """A model file swapped together with a card that records the new file's hash: the card vouches for itself."""
    source = bundled_path("stance")
    assert source is not None
    target = tmp_path / "stance-evil.joblib"
    target.write_bytes(source.read_bytes() + b"\0")  # any other bytes
    card = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    card["artifact"]["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
    target.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    return target


def test_a_model_with_a_card_of_its_own_needs_explicit_trust(tmp_path: Path) -> None:
    path = _replaced_with_its_card(tmp_path)
    with pytest.raises(ModelIntegrityError, match="trusted=True"):
        StanceModel.load(path)


def test_the_cli_refuses_it_too_and_names_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _replaced_with_its_card(tmp_path)
    (tmp_path / "a.txt").write_text('"We stay," said Anna Roy.', encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--model", str(path)]) == 2
    err = capsys.readouterr().err
    assert "--trust-model" in err and "trusted=True" not in err


def test_a_trusted_model_loads_with_a_warning(tmp_path: Path) -> None:
    source = bundled_path("stance")
    assert source is not None
    copy = tmp_path / "mine.joblib"
    shutil.copy(source, copy)
    shutil.copy(source.with_suffix(".json"), copy.with_suffix(".json"))
    assert StanceModel.load(copy).labels  # the same bytes as the bundled model: pinned, no trust needed
    import joblib

    model = StanceModel.load(copy)
    joblib.dump(model.pipeline, copy, compress=3)  # other bytes, same model
    card = json.loads(copy.with_suffix(".json").read_text(encoding="utf-8"))
    card["artifact"]["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
    copy.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.warns(ModelTrustWarning, match="trusted on your word"):
        assert StanceModel.load(copy, trusted=True).labels == model.labels


NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access attempted")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
import quotestance

text = '"We stay," said Anna Roy.\\n\\n\u00ab Nous restons \u00bb, a d\u00e9clar\u00e9 Marc Dupont.'
results = list(quotestance.analyze_many([text, "Le ministre a dit : \u00ab Non. \u00bb"], sinks=[f"sqlite:{sys.argv[1]}"]))
assert results[0].quotes[0].speaker == "Anna Roy" and results[0].quotes[0].stance is not None, results
print("ok", sum(len(r.quotes) for r in results))
"""


def test_the_whole_pipeline_runs_without_network_access(tmp_path: Path) -> None:
    """In a fresh process with every socket connection refused: models load, texts are analysed, rows stored."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", NO_NETWORK, str(tmp_path / "q.db")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok 3")
