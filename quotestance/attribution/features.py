"""Language-neutral features of a speaker candidate, for the ranker.

No feature is a word of one language: the ranker sees which generators
proposed a candidate and how (syntactic relation to the cue), what the
candidate is (person, organisation, group, anonymous source) and how it
was resolved, how far it stands from the quotation in characters,
sentences and paragraphs, whether gender and role agree, and how salient
it is in the document so far; the language itself is one feature among
them. The same features serve English, French and any language with a cue
lexicon.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..names import fold, surname_key
from .candidates import Candidate, QuoteSite

if TYPE_CHECKING:
    from .identity import Entity

__all__ = ["DocumentLayout", "candidate_features", "with_rules_context", "with_rivals", "FEATURES_VERSION"]

#: Bump when the features change meaning: a ranker trained on other features must not load silently.
FEATURES_VERSION = 3


@dataclass(frozen=True)
class DocumentLayout:
    """Sentence and paragraph starts of a document, to measure distances."""

    sentence_starts: list[int]
    paragraph_starts: list[int]

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset)

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset)


def _log(x: float) -> float:
    return round(math.log1p(max(0.0, x)), 3)


def candidate_features(
    site: QuoteSite,
    candidate: Candidate,
    candidates: list[Candidate],
    layout: DocumentLayout,
    text: str,
    lang: str,
    previous_speaker: "Entity | str | None",
    rules_choice: Candidate | None,
) -> dict[str, float]:
    """The feature dict of one candidate of one quotation."""
    referent = candidate.referent
    proposal = candidate.proposal
    f: dict[str, float] = {
        f"lang={lang}": 1.0,
        f"quote_kind={site.kind}": 1.0,
        "quote_words": _log(len(text[site.span.start : site.span.end].split())),
        "quote_has_own_cue": float(bool(site.own)),
        f"own_mention={site.own[0].mention.kind if site.own else 'none'}": 1.0,
        "quote_opens_paragraph": float(not text[site.context.paragraph[0] : site.open_at].strip()),
        "quote_piece": float(site.span.open_mark is None or site.span.close_mark is None),
        "quote_after_question": float(text[max(0, site.open_at - 300) : site.open_at].rstrip(" \t\n\u00a0\u202f:—–-").endswith("?")),
        "candidates": _log(len(candidates)),
        f"type={referent.kind}": 1.0,
        f"how={referent.how.removeprefix('author-of-')}": 1.0,
        "via_author": float(referent.how.startswith("author-of-")),
        "referent_order": float(min(referent.order, 6)),
        "recency": float(min(referent.recency, 6)),
        "agreement": float(referent.agreement),
        "role_match": float(referent.role_match),
        "definite": float(referent.definite),
        f"role_kind={referent.role_kind or 'none'}": 1.0,
        "overlap": referent.overlap,
        "readings": float(min(candidate.readings, 6)),
        "rule_rank_own": float(min(candidate.rule_rank, 6)) if candidate.rule_rank < 100 else 7.0,
        "rules_choice": float(candidate is rules_choice),
        f"best_rule={candidate.generator}": 1.0,
    }
    for rule in candidate.rules:
        f[f"rule={rule}"] = 1.0
    if proposal is not None:
        mention = proposal.mention
        f[f"relation={proposal.relation}"] = 1.0
        f[f"mention={mention.kind}"] = 1.0
        f["has_cue"] = float(proposal.cue is not None)
        if mention.end_char <= site.open_at:
            side, gap = "before", site.open_at - mention.end_char
        elif mention.start_char >= site.close_at:
            side, gap = "after", mention.start_char - site.close_at
        else:
            side, gap = "inside", 0
        f[f"side={side}"] = 1.0
        f["char_gap"] = _log(gap)
        f["sentence_gap"] = float(min(abs(layout.sentence_of(site.open_at) - layout.sentence_of(mention.start_char)), 4))
        f["paragraph_gap"] = float(min(abs(layout.paragraph_of(site.open_at) - layout.paragraph_of(mention.start_char)), 4))
    entity = referent.entity
    if entity is not None:
        mentions = entity.mentions  # sorted: bisect, so that a speaker quoted a thousand times costs no more per quote
        before = bisect.bisect_left(mentions, site.open_at)
        f["mentions_before"] = _log(before)
        f["quoted_before"] = _log(entity.quoted)
        f["last_mention_gap"] = _log(site.open_at - mentions[before - 1]) if before else 12.0
        f["introduced_in_paragraph"] = float(bool(before) and mentions[0] >= site.context.paragraph[0])
        f["mentioned_in_sentence"] = float(bisect.bisect_left(mentions, site.context.sentence[0]) < before)
        f["recently_quoted"] = float(entity.last_quoted >= 0 and site.open_at - entity.last_quoted < 1500)
        quoted_text = fold(text[site.span.start : site.span.end])
        f["named_inside_quote"] = float(bool(entity.surname) and entity.surname in {surname_key(w) for w in quoted_text.split()})
    else:
        f["no_entity"] = 1.0
    if previous_speaker is not None:
        same = previous_speaker is entity if entity is not None else (isinstance(previous_speaker, str) and fold(previous_speaker) == fold(referent.name))
        f["previous_speaker"] = float(same)
    return f


#: Features of the rules' own choice that every candidate of the quotation also sees, prefixed ``rules:``.
_CONTEXT_PREFIXES = ("how=", "type=", "relation=", "mention=", "role_kind=")


def with_rules_context(rows: list[dict[str, float]], rules_index: int | None) -> list[dict[str, float]]:
    """Add to each row what the rules' choice is, so that a candidate is judged against its strongest rival.

    A pointwise classifier otherwise scores "the subject of the sentence
    before" the same whether the quotation's own cue names "an official" or
    says "she".
    """
    if rules_index is None:
        context = {"rules:none": 1.0}
    else:
        chosen = rows[rules_index]
        context = {f"rules:{k}": v for k, v in chosen.items() if k.startswith(_CONTEXT_PREFIXES)}
        context["rules:definite"] = chosen.get("definite", 0.0)
    return [{**row, **context} for row in rows]


#: Features where the candidate's standing among its rivals says more than its value: (feature, best is lowest).
_COMPARED = (
    ("char_gap", True), ("sentence_gap", True), ("last_mention_gap", True), ("recency", True),
    ("mentions_before", False), ("quoted_before", False), ("overlap", False),
)


def with_rivals(rows: list[dict[str, float]]) -> list[dict[str, float]]:
    """Add to each row whether it is the best of the quotation's candidates on each compared feature.

    "Mentioned 40 characters before the quotation" is decisive when the
    others stand further, and says little when another is nearer; a
    pointwise classifier cannot see that without being told.
    """
    out = [dict(row) for row in rows]
    for name, lowest in _COMPARED:
        values = [row[name] for row in rows if name in row]
        if len(values) < 2:
            continue
        best = min(values) if lowest else max(values)
        ties = values.count(best)
        for row in out:
            if name in row:
                row[f"best:{name}"] = 1.0 if row[name] == best and ties == 1 else 0.5 if row[name] == best else 0.0
    return out
