"""A third-party plugin, pip-installed from its own package, found through its entry point.

The plugin is the README's example (tests/plugins/quotestance-dashes); it is
installed with pip into a temporary folder and used from fresh processes,
never registered by hand.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "tests" / "plugins" / "quotestance-dashes"
ARTICLE = (
    "The minister met the strikers on Monday.\n\n"
    "\u2014 We will not give in to threats.\n\n"
    '"The factory stays open," said Olga Brandt, the director.\n'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(PLUGIN)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return target


def _run(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site))
    env.pop("QUOTESTANCE_DISABLE_PLUGIN_AUTOLOAD", None)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, env=env, cwd=cwd)


def test_readme_shows_the_plugin_as_installed() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (PLUGIN / "quotestance_dashes.py").read_text(encoding="utf-8") in readme
    assert (PLUGIN / "pyproject.toml").read_text(encoding="utf-8") in readme


def test_cli_lists_the_plugin_and_feeds_its_sink(site: Path, tmp_path: Path) -> None:
    listing = _run(site, "-m", "quotestance", "plugins", "--json", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    dashes = next(row for row in json.loads(listing.stdout) if row["name"] == "dashes")
    assert dashes["version"] == "0.1.0" and dashes["hooks"] == ["quotestance_extract", "quotestance_sinks"]
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    done = _run(site, "-m", "quotestance", "analyze", "article.txt", "--sink", "tsv:out.tsv", "--sink", "jsonl:out.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    tsv = [line.split("\t") for line in (tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()]
    jsonl = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [row[4] for row in tsv] == [row["text"] for row in jsonl] == ["We will not give in to threats.", "The factory stays open,"]


def test_analyze_many_feeds_its_sink(site: Path, tmp_path: Path) -> None:
    code = (
        "import quotestance\n"
        f"texts = [('a', {ARTICLE!r}), ('b', '\\u2014 Nobody leaves tonight.')]\n"
        "results = list(quotestance.analyze_many(texts, sinks=['tsv:many.tsv']))\n"
        "print(sum(len(r.quotes) for r in results))\n"
    )
    done = _run(site, "-c", code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "many.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == int(done.stdout) == 3
    assert [line.split("\t")[0] for line in lines] == ["a", "a", "b"]
    assert re.search(r"\tNobody leaves tonight\.$", lines[-1])
