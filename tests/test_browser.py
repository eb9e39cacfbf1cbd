"""The rendered article in a real browser: headless Chromium opens it from disk, every quote and speaker is in the DOM.

Chromium is Debian's ``chromium`` package, which ``make test`` installs
when it is missing; where it cannot be installed the test is skipped and
says so. The screenshot is kept in ``test-artifacts/`` for people to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import quotestance
from quotestance.view import render

from test_view import _parsed

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed (make test installs Debian's chromium package when it can)")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],  # type: ignore[list-item]
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", ["en_sochi_meeting.txt", "fr_opposition.txt"])
def test_every_quote_and_speaker_is_in_the_browsers_dom(name: str, examples_dir: Path, tmp_path: Path) -> None:
    text = (examples_dir / name).read_text(encoding="utf-8")
    quotes = quotestance.analyze(text)
    page = tmp_path / "page.html"
    page.write_text(render(text, quotes), encoding="utf-8")
    done = _chromium("--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = _parsed(done.stdout)
    assert [m["text"] for m in dom.marks] == [q.text for q in quotes]
    assert [m["data-speaker"] for m in dom.marks] == [q.speaker or "" for q in quotes]
    assert all(f"{q.speaker} · {q.stance}" in done.stdout for q in quotes if q.speaker and q.stance)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"render-{Path(name).stem}.png"
    done = _chromium("--window-size=412,1600", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0 and shot.stat().st_size > 10_000  # a phone-sized page with something on it
