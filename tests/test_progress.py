"""The command line's progress bar and summary line."""

from __future__ import annotations

import io

from quotestance.progress import RunProgress


def test_no_bar_on_a_stream_that_is_not_a_terminal_but_always_a_summary() -> None:
    stream = io.StringIO()
    progress = RunProgress(total=3, stream=stream)
    progress.document(quotes=4)
    progress.document(quotes=1)
    progress.skip()
    progress.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("quotestance: 2 documents analysed, 5 quotes, 1 skipped, in ")
    assert lines[0].endswith("docs/s)")


def test_a_bar_is_drawn_when_asked_and_cleared_before_the_summary() -> None:
    stream = io.StringIO()
    progress = RunProgress(total=2, stream=stream, enabled=True)
    progress.document(quotes=7)
    progress.document(quotes=0)
    progress.close()
    drawn = stream.getvalue()
    assert "0/2" in drawn and "doc/s" in drawn
    assert drawn.rstrip().splitlines()[-1].startswith("quotestance: 2 documents analysed, 7 quotes")
