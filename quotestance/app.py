"""The object a host holds: a plugin manager, its hooks, and the analysis entry points.

Nothing is loaded at import time. A :class:`QuoteStance` registers the
built-in plugins (``DEFAULT_PLUGINS``), then the installed ones from the
``quotestance`` entry-point group, unless ``QUOTESTANCE_DISABLE_PLUGIN_AUTOLOAD``
is set. Extractors and sinks run isolated: one that raises is reported with
its plugin's name and the others carry on.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import logging
import os
import threading
from typing import TYPE_CHECKING, Any, Collection, Iterable, Iterator, Literal, NamedTuple, Sequence

import pluggy

from . import hookspecs
from .budget import check_time_budget
from .cues import CueLexicon, load_lexicon
from .errors import InputError, NotTextError, SinkError, TimeBudgetExceeded, UnsupportedLanguageError, internal_errors
from .attribution.ranker import AttributionModel, Chooser, RuleChooser, check_min_confidence, default_attribution_model
from .kinds import quote_context, span_of_quote
from .lang import SUPPORTED_LANGUAGES, detect_language, foreign_language
from .merge import merge_quotes
from .names import AliasTable, SpeakerRegistry, load_aliases
from .nlp import PipelineLike, load_pipeline, pipeline_for
from .pipeline import RUN_CONTEXT_KEY, Analysis, RunContext, attributed
from .plugins import DEFAULT_PLUGINS
from .sanitize import model_safe, restored
from .selective import ParseMode, check_parse_mode, effective_mode, parse_documents
from .speaker_roles import AffiliationTable, load_affiliations, speaker_role
from .stance import StanceModel, default_model
from .types import SPEECH_KINDS, Quote
from .validation import quote_problem

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .batch import Document

__all__ = ["QuoteStance", "Prepared", "SinkError", "DEFAULT_KINDS", "DEFAULT_LANG", "DEFAULT_MAX_CHARS", "default_app",
           "AUTOLOAD_ENV", "BLOCK_ENV"]

log = logging.getLogger("quotestance")

#: Kinds returned by default: somebody's words between quote marks.
DEFAULT_KINDS: tuple[str, ...] = ("direct", "partial")
#: The language of a text whose words give too little evidence of any (a headline, noise).
DEFAULT_LANG = "en"
#: Longest text accepted, in characters: a hundred times the longest news article we know of.
DEFAULT_MAX_CHARS = 10_000_000
AUTOLOAD_ENV = "QUOTESTANCE_DISABLE_PLUGIN_AUTOLOAD"
BLOCK_ENV = "QUOTESTANCE_BLOCK_PLUGINS"


class Prepared(NamedTuple):
    """A checked text's language and pipeline, and the model-safe text to parse."""

    lang: str
    pipeline: "Language"
    #: The language is the default, not detected: the text gave too little evidence.
    language_fallback: bool
    #: The text with the characters the models must not see replaced one for one (see :mod:`quotestance.sanitize`).
    safe_text: str


class QuoteStance:
    """quotestance with its plugins: analyse texts and send results to sinks.

    Args:
        load_entrypoints: load installed plugins; default: yes, unless the
            ``QUOTESTANCE_DISABLE_PLUGIN_AUTOLOAD`` environment variable is set.
        block: plugin names never to register (built-in ones included);
            ``QUOTESTANCE_BLOCK_PLUGINS`` (comma-separated) adds to it.
        plugins: plugin objects or modules to register directly.
        default_lang: the language of texts whose words are too few or too
            unusual to tell (``"en"`` or ``"fr"``); :attr:`Analysis.language_fallback`
            marks them.
        max_chars: longest text accepted; a longer one is an :class:`InputError`.
    """

    def __init__(
        self,
        *,
        load_entrypoints: bool | None = None,
        block: Iterable[str] = (),
        plugins: Iterable[object] = (),
        default_lang: str = DEFAULT_LANG,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        if default_lang not in SUPPORTED_LANGUAGES:
            raise InputError(f"default_lang must be one of {', '.join(SUPPORTED_LANGUAGES)}, got {default_lang!r}")
        if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
            raise InputError(f"max_chars must be a positive whole number, got {max_chars!r}")
        self.default_lang = default_lang
        self.max_chars = max_chars
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        blocked = set(block) | {b.strip() for b in os.environ.get(BLOCK_ENV, "").split(",") if b.strip()}
        for name in sorted(blocked):
            self.pm.set_blocked(name)
        for module_name in DEFAULT_PLUGINS:
            if not self.pm.is_blocked(module_name):
                self.pm.register(importlib.import_module(module_name), name=module_name)
        #: Plugins registered as objects; worker processes cannot rebuild them.
        self.direct_plugins = list(plugins)
        for plugin in self.direct_plugins:
            self.pm.register(plugin)
        if load_entrypoints is None:
            load_entrypoints = os.environ.get(AUTOLOAD_ENV, "").strip().lower() in {"", "0", "false", "no"}
        if load_entrypoints:
            self.pm.load_setuptools_entrypoints(hookspecs.PROJECT_NAME)
        self.pm.check_pending()
        #: How to rebuild this configuration in a worker process.
        self.config = {"load_entrypoints": load_entrypoints, "block": tuple(sorted(blocked)),
                       "default_lang": default_lang, "max_chars": max_chars}
        self._lexicons: dict[str, CueLexicon] = {}
        self._tables: dict[str, Any] = {}
        self._lock = threading.Lock()

    # -- data extended by plugins ------------------------------------------
    def lexicon(self, lang: str) -> CueLexicon:
        """The bundled cue lexicon of ``lang`` plus every plugin's cues."""
        with self._lock:
            if lang not in self._lexicons:
                extra = [entry for rows in self.pm.hook.quotestance_cue_lexicon(lang=lang) if rows for entry in rows]
                self._lexicons[lang] = load_lexicon(lang).extended(extra) if extra else load_lexicon(lang)
            return self._lexicons[lang]

    @property
    def aliases(self) -> AliasTable:
        """The bundled alias table plus every plugin's aliases."""
        return self._extended("aliases", self.pm.hook.quotestance_speaker_aliases, load_aliases)

    @property
    def affiliations(self) -> AffiliationTable:
        """The bundled speaker-role table plus every plugin's rows."""
        return self._extended("affiliations", self.pm.hook.quotestance_speaker_affiliations, load_affiliations)

    def _extended(self, key: str, hook: Any, load: Any) -> Any:
        """A bundled table extended once with the rows every plugin returns from ``hook``.

        A row the table refuses (an unknown speaker role, say) is logged and
        skipped, so one plugin's mistake does not fail every document.
        """
        with self._lock:
            if key not in self._tables:
                table = load()
                rows = [row for rows in hook() if rows for row in rows]
                if rows:
                    table = table.extended([])
                    for row in rows:
                        try:
                            table.add(*row)
                        except (ValueError, TypeError) as exc:
                            log.error("plugin row %r for the %s table ignored: %s", row, key, exc)
                self._tables[key] = table
            return self._tables[key]

    def attribution_model(self) -> AttributionModel | None:
        """The bundled speaker ranker (``None`` when the package ships none)."""
        return default_attribution_model()

    def _chooser(self, model: "AttributionModel | Literal[False] | None") -> Chooser:
        if model is False:
            return RuleChooser()
        if model is None:
            model = self.attribution_model()
        if model is None:
            return RuleChooser()
        if not isinstance(model, AttributionModel):
            raise TypeError(f"attribution_model must be an AttributionModel, False or None, not {type(model).__name__}")
        return model

    def _attribute_the_rest(self, doc: "Doc", lang: str, context: RunContext, quotes: list[Quote]) -> list[Quote]:
        """Plugin quotations that came without a speaker go through the same candidates and ranker."""
        todo = [i for i, q in enumerate(quotes) if q.kind in SPEECH_KINDS and q.speaker is None and not _attributed(q)]
        if not todo:
            return quotes
        text = context.text if context.text is not None else doc.text
        assigner = context.assigner_for(doc, lang, [(q.start, q.end) for q in quotes])
        spans = [span_of_quote(text, quotes[i].start, quotes[i].end, group=-1 - i) for i in todo]
        decisions = assigner.assign(spans, [quotes[i].kind for i in todo])
        out = list(quotes)
        for i, decision in zip(todo, decisions):
            out[i] = attributed(out[i], decision)
        return out

    def stance_model(self) -> StanceModel | None:
        """A plugin's stance model if one provides it, else the bundled one."""
        provided = self.pm.hook.quotestance_stance_model()
        return provided if provided is not None else default_model()

    def new_registry(self) -> SpeakerRegistry:
        """A speaker registry with this instance's aliases, for a corpus."""
        return SpeakerRegistry(self.aliases)

    # -- analysis -------------------------------------------------------------
    def prepare(self, text: str, lang: str | None = None, *, nlp: PipelineLike | None = None) -> Prepared:
        """Check a text and choose its language and spaCy pipeline, without parsing it.

        Batches call this for every document first, then parse the documents
        that share a pipeline together with ``Language.pipe``; the errors are
        those of :meth:`analyze_document`.
        """
        if not isinstance(text, str):
            raise NotTextError(f"analyze() needs the text as str, got {type(text).__name__}")
        if len(text) > self.max_chars:
            raise InputError(
                f"text has {len(text):,} characters, more than the limit of {self.max_chars:,} "
                "(QuoteStance(max_chars=...), --max-chars); split it into articles first"
            )
        safe = model_safe(text)
        lang, fallback = self._language(safe, lang, nlp)
        pipeline = load_pipeline(nlp, lang) if nlp is not None else pipeline_for(lang)
        return Prepared(lang, pipeline, fallback, safe)

    def _language(self, text: str, lang: str | None, nlp: PipelineLike | None) -> tuple[str, bool]:
        """The text's language, and whether it is the default for want of evidence."""
        if lang is not None:
            if not isinstance(lang, str):
                raise InputError(f"lang must be a language code such as 'en' or 'fr', got {lang!r}")
            lang = lang.lower()
            if lang not in SUPPORTED_LANGUAGES and nlp is None:
                raise UnsupportedLanguageError(lang, SUPPORTED_LANGUAGES)
            return lang, False
        detected = detect_language(text)
        if detected is not None:
            return detected, False
        if nlp is not None:
            return getattr(load_pipeline(nlp), "lang", None) or "xx", False
        foreign = foreign_language(text)
        if foreign is not None:
            raise UnsupportedLanguageError(foreign, SUPPORTED_LANGUAGES)
        return self.default_lang, True

    def check_options(
        self,
        *,
        stance_model: Any = None,
        kinds: Any = DEFAULT_KINDS,
        attribution_model: Any = None,
        min_speaker_confidence: Any = None,
        parse: Any = "selective",
        **_: Any,
    ) -> None:
        """Refuse a bad analysis option with a message that names it, before any text is read.

        Raises:
            TypeError: ``stance_model`` or ``attribution_model`` is not a model, ``False`` or ``None``.
            InputError: unknown ``kinds``, a ``min_speaker_confidence`` that is not a
                probability (or given with the rules alone), an unknown ``parse`` mode.
        """
        if stance_model is not None and stance_model is not False and not isinstance(stance_model, StanceModel):
            raise TypeError(f"stance_model must be a StanceModel, False or None, not {type(stance_model).__name__}")
        self._chooser(attribution_model)
        wanted = [kinds] if isinstance(kinds, str) else kinds
        if kinds is None or not isinstance(wanted, Iterable) or not all(isinstance(k, str) for k in wanted):
            raise InputError(f"kinds must be speech kinds such as ('direct', 'partial'), got {kinds!r}")
        if not wanted:
            raise InputError("kinds is empty: name at least one kind, such as ('direct', 'partial')")
        unknown = sorted(set(wanted) - SPEECH_KINDS)
        if unknown:
            raise InputError(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(sorted(SPEECH_KINDS))}")
        check_min_confidence(min_speaker_confidence, with_ranker=attribution_model is not False)
        check_parse_mode(parse)

    def analyze_prepared(self, prepared: Prepared, doc: "Doc", text: str, **options: Any) -> Analysis:
        """Analyse ``doc``, the parse of ``prepared.safe_text``, and report it against the caller's ``text``."""
        result = self.analyze_doc(doc, prepared.lang, **options)
        return dataclasses.replace(restored(result, text), language_fallback=prepared.language_fallback)

    def analyze_document(
        self,
        text: str,
        lang: str | None = None,
        *,
        nlp: PipelineLike | None = None,
        registry: SpeakerRegistry | None = None,
        stance_model: "StanceModel | Literal[False] | None" = None,
        kinds: Collection[str] = DEFAULT_KINDS,
        attribution_model: "AttributionModel | Literal[False] | None" = None,
        min_speaker_confidence: float | None = None,
        parse: ParseMode = "selective",
    ) -> Analysis:
        """Analyse one text: every quotation of the requested kinds, non-speech spans and diagnostics.

        Args:
            text: the article; offsets in the result point into it.
            lang: ``"en"`` or ``"fr"``; detected when ``None``.
            nlp: a spaCy pipeline (name, path or ``Language``) instead of the
                language's default; this also allows other languages.
            registry: corpus-wide speaker identities; a fresh one when ``None``.
            stance_model: a model instead of the plugin-provided or bundled
                one; ``False`` for no stance.
            kinds: speech kinds to return (``direct``, ``partial``,
                ``indirect`` from plugins).
            attribution_model: a speaker ranker instead of the bundled one
                (:class:`~quotestance.attribution.AttributionModel`);
                ``False`` for the attribution rules alone.
            min_speaker_confidence: leave ``speaker`` empty where
                ``speaker_confidence`` is below this (0 to 1), for callers
                who prefer no speaker to a doubtful one.
            parse: ``"selective"`` runs the statistical pipeline only on the
                paragraphs attribution needs (quotations, their neighbours,
                the lead; see :mod:`quotestance.selective`), ``"full"`` on
                the whole text.

        Any string is accepted: an empty one gives no quotations, characters
        the models cannot read are replaced for them (offsets still index
        ``text``), and a text too short or too odd to show its language is
        read in the default language, marked by ``language_fallback``.

        Raises:
            NotTextError: ``text`` is not a string (a :class:`TypeError` too).
            InputError: ``text`` is longer than ``max_chars``, or
                ``min_speaker_confidence`` is not a number from 0 to 1 (or is given
                with the rules alone), or ``parse`` is neither mode.
            TypeError: ``attribution_model`` is not a model, ``False`` or ``None``.
            UnsupportedLanguageError: positively another language than English
                or French (its stop words, its script), and no ``nlp``.
            ModelNotFoundError: the spaCy pipeline is not installed.
        """
        if isinstance(kinds, Iterable) and not isinstance(kinds, str):
            kinds = tuple(kinds)  # a generator is read once, here
        self.check_options(stance_model=stance_model, kinds=kinds, attribution_model=attribution_model,
                           min_speaker_confidence=min_speaker_confidence, parse=parse)
        prepared = self.prepare(text, lang, nlp=nlp)
        with internal_errors("analyze()"):
            (doc,) = parse_documents(prepared.pipeline, [prepared.safe_text], self.lexicon(prepared.lang).incise_pattern,
                                     effective_mode(parse, kinds))
            return self.analyze_prepared(prepared, doc, text, registry=registry, stance_model=stance_model, kinds=kinds,
                                         attribution_model=attribution_model, min_speaker_confidence=min_speaker_confidence)

    def analyze_doc(
        self,
        doc: "Doc",
        lang: str,
        *,
        registry: SpeakerRegistry | None = None,
        stance_model: "StanceModel | Literal[False] | None" = None,
        kinds: Collection[str] = DEFAULT_KINDS,
        attribution_model: "AttributionModel | Literal[False] | None" = None,
        min_speaker_confidence: float | None = None,
    ) -> Analysis:
        """Analyse a document that a spaCy pipeline has already parsed (arguments as :meth:`analyze_document`)."""
        text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        wanted = frozenset({kinds} if isinstance(kinds, str) else kinds)
        context = RunContext(
            self.lexicon(lang), registry if registry is not None else self.new_registry(),
            chooser=self._chooser(attribution_model),
            min_confidence=check_min_confidence(min_speaker_confidence, with_ranker=attribution_model is not False),
            text=text, kinds=wanted,
        )
        doc.user_data[RUN_CONTEXT_KEY] = context
        try:
            found, failures = self._extract(doc, lang, text)
        finally:
            doc.user_data.pop(RUN_CONTEXT_KEY, None)
        # Speech of kinds not asked for has lent its attribution in the merge; it is not attributed itself.
        kept = [q for q in merge_quotes(found) if q.kind in wanted or q.kind not in SPEECH_KINDS]
        merged = self._attribute_the_rest(doc, lang, context, kept)
        quotes = [q for q in merged if q.kind in SPEECH_KINDS]
        nonspeech = [q for q in merged if q.kind not in SPEECH_KINDS]
        if quotes and stance_model is not False:
            model = stance_model if stance_model is not None else self.stance_model()
            if model is not None:
                quotes = self._with_stance(quotes, model, text)
        return Analysis(text, lang, quotes, nonspeech, sorted(context.diagnostics, key=lambda d: d.offset),
                        plugin_errors=failures)

    def analyze(
        self,
        text: str,
        lang: str | None = None,
        *,
        nlp: PipelineLike | None = None,
        include_nonspeech: bool = False,
        stance_model: "StanceModel | Literal[False] | None" = None,
        kinds: Collection[str] = DEFAULT_KINDS,
        attribution_model: "AttributionModel | Literal[False] | None" = None,
        min_speaker_confidence: float | None = None,
        parse: ParseMode = "selective",
    ) -> list[Quote]:
        """The quotations of one text, in text order (see :meth:`analyze_document`).

        ``include_nonspeech`` adds linked headlines, titles and scare quotes, unattributed.
        """
        result = self.analyze_document(text, lang, nlp=nlp, stance_model=stance_model, kinds=kinds,
                                       attribution_model=attribution_model, min_speaker_confidence=min_speaker_confidence,
                                       parse=parse)
        return result.in_text_order(include_nonspeech)

    def analyze_many(
        self, texts: Iterable["Document"], *, sinks: Sequence[Any] = (), resume: bool = False, **options: Any
    ) -> Iterator[Analysis]:
        """Analyse a stream of documents; see :func:`quotestance.batch.analyze_many`.

        ``sinks`` are sink objects or ``"name[:target]"`` strings; each
        receives every document's quotes, a document's ``sink_errors`` name
        the sinks that failed to store it, and the sinks this call opened
        are closed when the stream ends (a failure to close raises
        :class:`SinkError` after the last document). With ``resume``, the
        documents that the sinks able to resume (JSONL, CSV, SQLite) already
        hold are not analysed again, nor yielded; the others are appended.

        Raises:
            SinkError: a sink spec names no sink, a sink cannot open its
                target (locked by another run, say), ``resume`` without a sink
                able to resume, or a sink failed to close.
        """
        from .batch import DEFAULT_BATCH_SIZE, check_parallel

        if isinstance(texts, str):
            raise InputError("texts must be an iterable of documents, not one string: analyze_many([text])")
        if isinstance(options.get("kinds"), Iterable) and not isinstance(options["kinds"], str):
            options["kinds"] = tuple(options["kinds"])  # a generator is read once, here
        self.check_options(**{**options, "kinds": options.get("kinds") or DEFAULT_KINDS})  # bad options fail now
        check_time_budget(options.get("time_budget"))
        check_parallel(self, options.get("n_jobs"), options.get("nlp"), options.get("batch_size", DEFAULT_BATCH_SIZE))
        if isinstance(sinks, str):
            raise InputError(f"sinks must be a list of sinks, not one string: sinks=[{sinks!r}]")
        sinks = list(sinks)
        for spec in sinks:
            if isinstance(spec, str):
                self.sink_factory(spec)
            elif not callable(getattr(spec, "write", None)) or not callable(getattr(spec, "close", None)):
                raise SinkError(f"a sink needs write() and close(); {type(spec).__name__} has not both")
        return self._stream(texts, sinks, resume, options)

    def _stream(self, texts: Iterable["Document"], sinks: Sequence[Any], resume: bool, options: dict[str, Any]) -> Iterator[Analysis]:
        from .batch import analyze_many

        opened, owned = self.open_sinks(sinks, resume=resume)
        stored = self.stored_documents(opened) if resume else None
        if resume and stored is None:
            for sink in owned:
                self.close_sink(sink)
            raise SinkError("resume=True needs a sink that can resume (jsonl, csv or sqlite with a file target)")
        failed: list[str] = []
        try:
            for result in analyze_many(texts, app=self, skip=stored or (), **options):
                if not result.error:
                    failures = self.deliver(opened, result.document_id or "", result.quotes)
                    if failures:
                        result = dataclasses.replace(result, sink_errors=failures)
                yield result
        finally:
            failed = [reason for reason in (self.close_sink(sink) for sink in owned) if reason]
        if failed:
            raise SinkError("; ".join(failed))

    # -- plugins at work ------------------------------------------------------
    def _extract(self, doc: "Doc", lang: str, text: str) -> tuple[list[Quote], list[str]]:
        quotes: list[Quote] = []
        failures: list[str] = []
        for impl in reversed(self.pm.hook.quotestance_extract.get_hookimpls()):
            arguments = {"doc": doc, "lang": lang}
            try:
                result: Any = impl.function(**{name: arguments[name] for name in impl.argnames})
            except TimeBudgetExceeded:
                raise  # the document is skipped, not one plugin
            except Exception as exc:  # noqa: BLE001 - isolation: one broken plugin must not stop the others
                failures.append(f"{_plugin_label(impl)}: {type(exc).__name__}: {exc}")
                log.error("extractor plugin %s failed: %s: %s", _plugin_label(impl), type(exc).__name__, exc)
                continue
            if result is not None and not isinstance(result, (list, tuple)):
                failures.append(f"{_plugin_label(impl)}: returned {type(result).__name__}, not a list of Quote")
                log.error("extractor plugin %s returned %s, not a list; ignored", _plugin_label(impl), type(result).__name__)
                continue
            for q in result or []:
                problem = quote_problem(q, text)
                if problem is not None:
                    failures.append(f"{_plugin_label(impl)}: returned {q!r}, which is not a Quote of this text: {problem}")
                    log.error("extractor plugin %s returned an invalid quote (%s); dropped", _plugin_label(impl), problem)
                    continue
                quotes.append(q if q.lang else dataclasses.replace(q, lang=lang))
        return quotes, failures

    def _with_stance(self, quotes: list[Quote], model: StanceModel, text: str) -> list[Quote]:
        """Label each quotation, judged in its sentence (a partial quote needs its frame)."""
        contexts = [text[slice(*quote_context(text, q.start, q.end))] for q in quotes]
        roles = [speaker_role(q.speaker, q.speaker_mention, self.affiliations) for q in quotes]
        predictions = model.predict([q.text for q in quotes], contexts, [q.cue for q in quotes], roles, [q.lang for q in quotes])
        return [
            dataclasses.replace(q, stance=label, stance_scores=scores, trace=q.trace + (f"role:{role}",))
            for q, (label, scores), role in zip(quotes, predictions, roles)
        ]

    def sink_factories(self) -> dict[str, tuple[str, hookspecs.SinkFactory]]:
        """Every named sink, with the plugin that provides it (first registered wins a name)."""
        found: dict[str, tuple[str, hookspecs.SinkFactory]] = {}
        for impl in reversed(self.pm.hook.quotestance_sinks.get_hookimpls()):
            try:
                provided: Any = impl.function() or {}
            except Exception as exc:  # noqa: BLE001
                log.error("sink plugin %s failed to list its sinks: %s", _plugin_label(impl), exc)
                continue
            if not isinstance(provided, dict):
                log.error("sink plugin %s returned %s, not a dict; ignored", _plugin_label(impl), type(provided).__name__)
                continue
            for name, factory in provided.items():
                found.setdefault(name, (_plugin_label(impl), factory))
        return found

    def sink_factory(self, spec: str) -> tuple[str, str, str, hookspecs.SinkFactory]:
        """``(name, target, plugin, factory)`` of a sink spec, without opening it: check every spec before opening any."""
        if not isinstance(spec, str):
            raise SinkError(f"a sink is a 'name[:target]' string or a sink object, got {type(spec).__name__}")
        name, _, target = spec.partition(":")
        factories = self.sink_factories()
        if name not in factories:
            raise SinkError(f"unknown sink {name!r}; available: {', '.join(sorted(factories)) or 'none'}")
        plugin, factory = factories[name]
        return name, target, plugin, factory

    def open_sink(self, spec: str, *, resume: bool = False) -> hookspecs.Sink:
        """Open ``"name"`` or ``"name:target"`` (``jsonl:out.jsonl``, ``sqlite:quotes.db``).

        With ``resume``, a sink whose factory takes ``resume`` keeps what its
        target holds and reports it through ``documents()`` (``None`` when it
        holds nothing to resume from); the others are opened as usual.
        """
        name, target, plugin, factory = self.sink_factory(spec)
        options = {"resume": True} if resume and _takes_resume(factory) else {}
        if resume and not options and target not in {"", "-"}:
            raise SinkError(f"sink {name!r} cannot resume, and resuming must not replace {target!r}: "
                            "leave it out of a resumed run, or run without resume")
        try:
            sink = factory(target, **options)
        except SinkError as exc:
            raise SinkError(f"sink {name!r} could not open {target!r}: {exc}") from exc
        except Exception as exc:  # noqa: BLE001
            raise SinkError(f"sink {name!r} (plugin {plugin}) could not open {target!r}: {exc}") from exc
        sink._quotestance_name = f"{name} ({plugin})"  # type: ignore[attr-defined]
        sink._quotestance_resumes = bool(options) and callable(getattr(sink, "documents", None))  # type: ignore[attr-defined]
        return sink

    def open_sinks(self, specs: Sequence[Any], *, resume: bool = False) -> tuple[list[hookspecs.Sink], list[hookspecs.Sink]]:
        """Open every sink (specs or sink objects), then start them all: ``(all sinks, those opened here)``.

        A file is emptied (without ``resume``) only when the sinks start, so
        a sink that fails to open leaves every other target as it was. A
        sink whose reader is gone at the start (a closed pipe) is ``broken``.

        Raises:
            SinkError: a sink could not open or start; the ones opened here are closed.
        """
        sinks: list[hookspecs.Sink] = []
        owned: list[hookspecs.Sink] = []
        try:
            for spec in specs:
                sink = self.open_sink(spec, resume=resume) if isinstance(spec, str) else spec
                sinks.append(sink)
                if isinstance(spec, str):
                    owned.append(sink)
            for sink in sinks:
                begin = getattr(sink, "begin", None)
                try:
                    if callable(begin):
                        begin()
                except BrokenPipeError:
                    sink._quotestance_broken = True  # type: ignore[attr-defined]
                except OSError as exc:
                    raise SinkError(f"sink {getattr(sink, '_quotestance_name', type(sink).__name__)} could not start: {exc}") from exc
        except SinkError:
            for sink in owned:
                self.close_sink(sink)
            raise
        return sinks, owned

    def stored_documents(self, sinks: Sequence[hookspecs.Sink]) -> set[str] | None:
        """The documents every resuming sink already holds (``None`` when none of them resumes).

        A document counts as stored only when all of them hold it: one that
        reached the database but not the file before a kill is written again
        to both, and each sink replaces or repairs its own copy.
        """
        stored: set[str] | None = None
        for sink in sinks:
            held = sink.documents() if getattr(sink, "_quotestance_resumes", False) else None  # type: ignore[attr-defined]
            if held is not None:  # None: this sink keeps nothing to resume from (standard output)
                stored = set(held) if stored is None else stored & set(held)
        return stored

    def deliver(self, sinks: Sequence[hookspecs.Sink], document_id: str, quotes: Sequence[Quote]) -> list[str]:
        """Write one document to every sink; a failing sink is logged and the others still receive it.

        A sink whose reader went away (a broken pipe: ``… | head``) is
        marked ``broken`` and receives nothing more; every document it
        misses is a failure, so the run cannot end as if all was written.
        """
        failures = []
        for sink in sinks:
            label = getattr(sink, "_quotestance_name", type(sink).__name__)
            if getattr(sink, "_quotestance_broken", False):
                failures.append(f"{label}: its reader went away (broken pipe)")
                continue
            try:
                sink.write(document_id, quotes)
            except BrokenPipeError:
                sink._quotestance_broken = True  # type: ignore[attr-defined]
                failures.append(f"{label}: its reader went away (broken pipe)")
                log.error("sink %s: its reader went away (broken pipe) at %s; the other sinks go on", label, document_id)
            except Exception as exc:  # noqa: BLE001
                failures.append(f"{label}: {exc}")
                log.error("sink %s failed on %s: %s: %s", label, document_id, type(exc).__name__, exc)
        return failures

    def close_sink(self, sink: hookspecs.Sink) -> str | None:
        """Close one sink; the reason it failed (logged), or ``None``."""
        label = getattr(sink, "_quotestance_name", type(sink).__name__)
        try:
            sink.close()
        except BrokenPipeError:
            return f"{label}: its reader went away (broken pipe)"
        except Exception as exc:  # noqa: BLE001
            log.error("sink %s failed to close, so its last rows may be lost: %s", label, exc)
            return f"{label}: failed to close: {exc}"
        return None

    def plugin_info(self) -> list[dict[str, Any]]:
        """Every registered plugin: name, version, hooks, built in or not, the sink names it provides
        (what ``--sink`` takes) and whether it is an extractor."""
        from . import __version__

        sinks = self.sink_factories()
        dists = {id(plugin): dist for plugin, dist in self.pm.list_plugin_distinfo()}
        rows = []
        for name, plugin in sorted(self.pm.list_name_plugin(), key=lambda item: item[0]):
            if plugin is None:
                continue
            dist = dists.get(id(plugin))
            hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])
            rows.append({
                "name": name,
                "version": dist.version if dist is not None else (__version__ if name in DEFAULT_PLUGINS else None),
                "distribution": dist.project_name if dist is not None else None,
                "hooks": hooks,
                "builtin": name in DEFAULT_PLUGINS,
                "sinks": sorted(sink for sink, (owner, _) in sinks.items() if owner == name),
                "extractor": "quotestance_extract" in hooks,
            })
        return rows


_default: QuoteStance | None = None
_default_lock = threading.Lock()


def default_app() -> QuoteStance:
    """The process-wide instance behind :func:`quotestance.analyze`, created on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = QuoteStance()
        return _default


def _plugin_label(impl: Any) -> str:
    """A plugin's registered name, or its class name where pluggy named it by ``id()``."""
    name = str(impl.plugin_name)
    return type(impl.plugin).__name__ if name.isdigit() else name


def _takes_resume(factory: Any) -> bool:
    try:
        return "resume" in inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return False


def _attributed(quote: Quote) -> bool:
    """Has the attribution stage already seen this quote (it leaves an ``attribution:`` trace)?"""
    return any(t.startswith("attribution:") for t in quote.trace)
