"""Many documents: streaming, optional parallelism, one speaker identity per corpus.

Documents are analysed in batches, in this process or in joblib workers
(each builds its own :class:`~quotestance.app.QuoteStance` with the same
plugin configuration and loads the spaCy pipelines once). The documents of
a batch that share a pipeline are parsed together with ``Language.pipe``,
which is faster than one call per text. Speaker names are
made canonical in the calling process, against one
:class:`~quotestance.names.SpeakerRegistry`, so that "Poutine" in a French
article and "Putin" in an English one come out under one name however the
work was split.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from typing import TYPE_CHECKING, Any, Collection, Iterable, Iterator, Mapping, Union

from . import budget
from .budget import DEFAULT_TIME_BUDGET, check_time_budget
from .errors import InputError, InternalError, ModelNotFoundError, QuotestanceError, internal_errors
from .names import SpeakerRegistry
from .nlp import PipelineLike
from .pipeline import Analysis
from .selective import ParseMode, effective_mode, parse_documents
from .workers import in_workers

if TYPE_CHECKING:
    from .app import Prepared, QuoteStance

__all__ = ["DEFAULT_BATCH_SIZE", "Document", "analyze_many"]

log = logging.getLogger("quotestance")

#: Documents parsed together and sent to a worker at a time. Smaller batches
#: keep two workers evenly busy on a short run (88 articles in batches of 16
#: left one worker idle a third of the time) and cost nothing in one process.
DEFAULT_BATCH_SIZE = 8
#: A text, a ``(document_id, text)`` pair, or a record: a mapping with ``text``
#: and optional ``document_id`` and ``lang``.
Document = Union[str, "tuple[str, str]", Mapping[str, Any]]
#: One document of a batch: its id, its text and its own language, if the record gave one.
_Item = tuple[str, object, "str | None"]

_worker_apps: dict[tuple, "QuoteStance"] = {}


def _items(texts: Iterable[Document], skip: Collection[str] = ()) -> Iterator[_Item]:
    for index, item in enumerate(texts):
        if isinstance(item, tuple) and len(item) == 2:
            found: _Item = (str(item[0]), item[1], None)
        elif isinstance(item, Mapping):
            document_id = item.get("document_id")
            found = (str(index) if document_id is None else str(document_id), item.get("text"), item.get("lang"))
        else:
            found = (str(index), item, None)
        if found[0] in skip:
            log.info("%s: already stored, not analysed again", found[0])
            continue
        yield found


def _worker_app(config: dict[str, Any]) -> "QuoteStance":
    from .app import QuoteStance

    key = tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in config.items()))
    if key not in _worker_apps:
        _worker_apps[key] = QuoteStance(**config)
    return _worker_apps[key]


def _analyse_batch(batch: list[_Item], app: "QuoteStance | dict[str, Any]", options: dict[str, Any]) -> list[Analysis]:
    if isinstance(app, dict):
        app = _worker_app(app)
    include_nonspeech = options.pop("include_nonspeech", False)
    default_lang = options.pop("lang", None)
    nlp = options.pop("nlp", None)
    parse = effective_mode(options.pop("parse"), options["kinds"])
    time_budget = options.pop("time_budget", None)
    out: list[Analysis | None] = [None] * len(batch)
    by_pipeline: dict[tuple[int, str], list[tuple[int, "Prepared"]]] = {}
    for k, (document_id, text, lang) in enumerate(batch):
        try:
            prepared = app.prepare(text, lang or default_lang, nlp=nlp)  # type: ignore[arg-type]
        except ModelNotFoundError:
            raise
        except QuotestanceError as exc:
            out[k] = Analysis(text if isinstance(text, str) else "", lang or default_lang or "", document_id=document_id, error=str(exc))
            continue
        by_pipeline.setdefault((id(prepared.pipeline), prepared.lang), []).append((k, prepared))
    for (_, lang), members in by_pipeline.items():
        pipeline = members[0][1].pipeline
        docs = _parsed(pipeline, [p.safe_text for _, p in members], app.lexicon(lang).incise_pattern, parse)
        for (k, prepared), doc in zip(members, docs):
            document_id, text = batch[k][0], batch[k][1]
            if isinstance(doc, QuotestanceError):
                out[k] = Analysis(text, prepared.lang, document_id=document_id, error=str(doc))  # type: ignore[arg-type]
                continue
            try:
                with budget.limit(time_budget), internal_errors(f"document {document_id}"):
                    result = app.analyze_prepared(prepared, doc, text, **options)  # type: ignore[arg-type]
            except InternalError as exc:
                log.error("%s", exc, exc_info=exc.__cause__)
                out[k] = Analysis(text, prepared.lang, document_id=document_id, error=str(exc))  # type: ignore[arg-type]
                continue
            except QuotestanceError as exc:
                out[k] = Analysis(text, prepared.lang, document_id=document_id, error=str(exc))  # type: ignore[arg-type]
                continue
            for failure in result.plugin_errors:
                log.warning("%s: %s", document_id, failure)
            out[k] = dataclasses.replace(result, quotes=result.in_text_order(include_nonspeech), document_id=document_id)
    return [r for r in out if r is not None]


def _parsed(pipeline: Any, texts: list[str], incise: Any, parse: ParseMode) -> list[Any]:
    """The parses of a group of texts, or for each text that spaCy cannot parse, the error that says why.

    The group is parsed together; if that fails, each text alone, so one
    text that breaks the pipeline (a custom one with a low ``max_length``,
    say) costs only itself.
    """
    try:
        return list(parse_documents(pipeline, texts, incise, parse))
    except Exception:  # noqa: BLE001 - found out text by text below
        out: list[Any] = []
        for text in texts:
            try:
                with internal_errors("the spaCy parse"):
                    out.extend(parse_documents(pipeline, [text], incise, parse))
            except QuotestanceError as exc:
                out.append(exc)
        return out


def _canonicalise(result: Analysis, registry: SpeakerRegistry) -> Analysis:
    """Report every person under the corpus-wide name (groups keep theirs)."""
    people = {q.speaker for q in result.quotes if q.speaker and "speaker-type:person" in q.trace}
    names = {name: registry.canonical(name, result.lang) for name in sorted(people)}
    quotes = [dataclasses.replace(q, speaker=names[q.speaker]) if q.speaker in names else q for q in result.quotes]
    return dataclasses.replace(result, quotes=quotes)


def analyze_many(
    texts: Iterable[Document],
    *,
    app: "QuoteStance | None" = None,
    lang: str | None = None,
    nlp: PipelineLike | None = None,
    n_jobs: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    registry: SpeakerRegistry | None = None,
    include_nonspeech: bool = False,
    kinds: Collection[str] | None = None,
    stance_model: Any = None,
    attribution_model: Any = None,
    min_speaker_confidence: float | None = None,
    parse: ParseMode = "selective",
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    skip: Collection[str] = (),
) -> Iterator[Analysis]:
    """Analyse a stream of documents, yielding one :class:`Analysis` each, in input order.

    Args:
        texts: strings, ``(document_id, text)`` pairs, or records (mappings
            with ``text`` and optional ``document_id`` and ``lang``, which
            overrides ``lang`` for that document); a document without an id
            gets its position. Consumed lazily: memory stays constant.
        app: the :class:`~quotestance.app.QuoteStance` whose plugins to use;
            the default instance when ``None``. Worker processes rebuild it
            from its configuration (entry points and block list).
        lang: language of every document without its own, or ``None`` to detect each.
        nlp: a spaCy pipeline (name or path with ``n_jobs`` > 1).
        n_jobs: joblib workers; ``None`` follows ``joblib.parallel_config``
            (one process unless configured), ``-1`` uses every core.
        batch_size: documents sent to a worker at a time.
        registry: speaker identities shared across calls; a new one when
            ``None``. Pass the same registry to keep names stable over runs.
        include_nonspeech: also return headlines, titles and scare quotes.
        kinds: speech kinds to return (default: direct and partial).
        stance_model: a :class:`~quotestance.stance.StanceModel` instead of
            the plugin-provided or bundled one, or ``False`` for no stance.
        attribution_model: a speaker ranker instead of the bundled one, or
            ``False`` for the attribution rules alone.
        min_speaker_confidence: leave ``speaker`` empty below this confidence.
        parse: ``"selective"`` (the default) parses only the paragraphs
            attribution needs, ``"full"`` the whole text; see
            :mod:`quotestance.selective`.
        time_budget: seconds one document may take after its parse (``None``:
            no limit); a document over budget is skipped with ``error`` set.
        skip: ids of documents not to analyse nor yield (those already
            stored, when resuming).

    A document that cannot be analysed (not text, unsupported language) is
    not dropped: its ``Analysis`` has no quotes and ``error`` says why, and
    the reason is logged. A missing spaCy model stops the run with
    :class:`~quotestance.errors.ModelNotFoundError`.
    """
    from .app import DEFAULT_KINDS, default_app

    time_budget = check_time_budget(time_budget)
    app = app if app is not None else default_app()
    check_parallel(app, n_jobs, nlp, batch_size)
    registry = registry if registry is not None else app.new_registry()
    options: dict[str, Any] = {"lang": lang, "nlp": nlp, "kinds": tuple(kinds or DEFAULT_KINDS),
                               "include_nonspeech": include_nonspeech, "stance_model": stance_model,
                               "attribution_model": attribution_model, "min_speaker_confidence": min_speaker_confidence,
                               "parse": parse, "time_budget": time_budget}
    batches = _batched(_items(texts, skip), batch_size)
    results: Iterable[list[Analysis]]
    if _workers(n_jobs) == 1:
        results = (_analyse_batch(b, app, dict(options)) for b in batches)
    else:
        check_parallel(app, n_jobs, nlp, batch_size)
        results = in_workers(batches, _analyse_batch, app.config, options, n_jobs)  # type: ignore[arg-type]
    for batch in results:
        for result in batch:
            if result.error:
                log.warning("%s: skipped: %s", result.document_id, result.error)
                yield result
            else:
                yield _canonicalise(result, registry)


def check_parallel(app: "QuoteStance", n_jobs: Any, nlp: Any, batch_size: Any) -> None:
    """Refuse a batch size or a worker set-up that cannot work, before any document is read (or any sink opened)."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InputError(f"batch_size must be a whole number from 1 up, got {batch_size!r}")
    if n_jobs is not None and (isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0):
        raise InputError(f"n_jobs must be a whole number of processes (-1 for every core) or None, got {n_jobs!r}")
    if _workers(n_jobs) == 1:
        return
    if nlp is not None and not isinstance(nlp, str) and not hasattr(nlp, "__fspath__"):
        raise InputError("with n_jobs > 1, pass nlp as a package name or path, not a Language object")
    if app.direct_plugins:
        raise InputError(
            "with n_jobs > 1, plugins must be installed (entry points), not passed as QuoteStance(plugins=...): "
            "worker processes cannot rebuild them"
        )


def _batched(items: Iterator[_Item], size: int) -> Iterator[list[_Item]]:
    while True:
        batch = list(itertools.islice(items, size))
        if not batch:
            return
        yield batch


def _workers(n_jobs: int | None) -> int:
    from joblib import effective_n_jobs

    return effective_n_jobs(n_jobs)
