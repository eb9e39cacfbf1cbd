"""The project's one error tree.

Every exception quotestance raises on purpose derives from
:class:`QuotestanceError`, so a host can catch the library's failures with
one ``except`` clause and still tell them apart by subclass.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

__all__ = [
    "InternalError",
    "internal_errors",
    "QuotestanceError",
    "ModelNotFoundError",
    "UnsupportedLanguageError",
    "InputError",
    "NotTextError",
    "ModelIntegrityError",
    "SinkError",
    "TimeBudgetExceeded",
]


class QuotestanceError(Exception):
    """Base class of every error raised by quotestance."""


class ModelNotFoundError(QuotestanceError, LookupError):
    """A spaCy pipeline could not be loaded.

    Carries the pipeline ``name`` that was asked for and the ``install``
    command that would provide it, so that the message is actionable.
    """

    def __init__(self, name: str, install: str | None = None, reason: str | None = None) -> None:
        self.name = name
        self.install = install
        parts = [f"spaCy pipeline {name!r} could not be loaded"]
        if reason:
            parts.append(f"({reason})")
        message = " ".join(parts) + "."
        if install:
            message += f" Install it with:\n    {install}"
        super().__init__(message)


class UnsupportedLanguageError(QuotestanceError, ValueError):
    """The text is in a language quotestance has no pipeline for.

    Pass ``nlp=`` with a pipeline of your own to analyse it anyway.
    """

    def __init__(self, lang: str | None, supported: tuple[str, ...] = ("en", "fr")) -> None:
        self.lang = lang
        self.supported = supported
        shown = "an undetected language" if lang is None else f"language {lang!r}"
        super().__init__(
            f"quotestance has no pipeline for {shown}; supported: {', '.join(supported)}. "
            "Give the language (lang=, --lang) if detection was wrong, or a spaCy pipeline of your own (nlp=)."
        )


class InputError(QuotestanceError, ValueError):
    """An input could not be read or is not text (CLI paths, wrong types)."""


class NotTextError(InputError, TypeError):
    """What was given as a text is not a ``str`` (bytes, ``None``, a number): a :class:`TypeError` as well."""


class ModelIntegrityError(QuotestanceError):
    """A model file (stance model or speaker ranker) has no card, its sha256 does not match the card, or it is not that kind of model."""


class SinkError(QuotestanceError):
    """A sink could not be opened (unknown name, or its factory failed)."""


class TimeBudgetExceeded(QuotestanceError):
    """A document took longer than the batch run's per-document time budget; it is skipped."""


class InternalError(QuotestanceError):
    """A bug in quotestance itself, caught at the edge of the library; the original exception is its ``__cause__``.

    Hosts need one ``except QuotestanceError`` to keep a batch alive; a
    report of the bug needs the chained traceback.
    """


@contextlib.contextmanager
def internal_errors(where: str) -> Iterator[None]:
    """Let only the error tree and ``TypeError`` out of ``where``: anything else becomes an :class:`InternalError`."""
    try:
        yield
    except (QuotestanceError, TypeError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - the edge of the library
        raise InternalError(
            f"internal error in {where}: {type(exc).__name__}: {exc} (a bug in quotestance; please report it with the text)"
        ) from exc
