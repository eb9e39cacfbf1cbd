"""The plugin hooks of quotestance.

A plugin is a module or object with functions decorated ``@quotestance.hookimpl``
and named after a hook below; installed distributions announce theirs in the
``quotestance`` entry-point group. Every hook is documented here and listed in
the README; the test suite fails when one is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Protocol, Sequence

import pluggy

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .stance import StanceModel
    from .types import Quote

__all__ = ["hookspec", "hookimpl", "Sink", "SinkFactory", "PROJECT_NAME"]

PROJECT_NAME = "quotestance"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class Sink(Protocol):
    """Where results go: opened by name, written per document, closed once.

    ``write`` should hand each document to durable storage before it
    returns (a run may be killed right after), and ``close`` should raise if
    anything was not stored: the run then ends with a failure. A sink that
    can resume takes ``resume`` in its factory (``factory(target, resume=True)``)
    and has ``documents() -> set[str] | None``, the ids of the documents it
    already holds (``None``: nothing to resume from, such as standard
    output); ``--resume`` skips the documents every such sink holds, and a
    document written again must replace its rows. An optional ``begin()`` is
    called once every sink of the run has opened: a file sink empties its
    target there, not when it opens.
    """

    def write(self, document_id: str, quotes: Sequence["Quote"]) -> None: ...

    def close(self) -> None: ...


#: Opens a sink from its target string (a path, a URL, or "" for the default).
SinkFactory = Callable[[str], Sink]


@hookspec
def quotestance_extract(doc: "Doc", lang: str) -> "list[Quote] | None":
    """Find quotations in a parsed document; every extractor contributes and overlapping spans are merged.

    ``doc.text`` is the caller's text, so offsets index it directly. Return
    ``Quote`` records (kind ``direct``, ``partial``, ``indirect`` …) or
    ``None``. ``doc.user_data["quotestance"]`` holds the run's cue lexicon,
    speaker registry and the kinds the caller asked for
    (:class:`~quotestance.pipeline.RunContext`) for extractors that want them:
    an extractor of one kind may return nothing when it was not asked for.
    """


@hookspec
def quotestance_sinks() -> "dict[str, SinkFactory] | None":
    """Name output sinks: ``{"name": factory}``, where ``factory(target)`` returns an object with ``write`` and ``close`` (see :class:`Sink`)."""


@hookspec
def quotestance_cue_lexicon(lang: str) -> "Iterable[tuple[str, str]] | None":
    """Add reporting cues for a language as ``(form, type)`` pairs, type one of verb, inverted, source_prep, noun."""


@hookspec
def quotestance_speaker_aliases() -> "Iterable[tuple[str, str]] | None":
    """Add ``(spelling, canonical name)`` pairs to the alias table used for canonical speaker names."""


@hookspec
def quotestance_speaker_affiliations() -> "Iterable[tuple[str, str]] | None":
    """Add ``(phrase, speaker_role)`` pairs telling which side a speaker speaks for (a stance model feature)."""


@hookspec(firstresult=True)
def quotestance_stance_model() -> "StanceModel | None":
    """Provide the stance model to use instead of the bundled one; the first plugin to return one wins."""


def hook_names() -> list[str]:
    """Names of every hook specification, for listings and documentation checks."""
    return sorted(name for name, value in globals().items() if name.startswith("quotestance_") and callable(value))
