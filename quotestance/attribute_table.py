"""spaCy's attribute ruler, applied by look-up instead of matching, with the same output.

In the small English pipeline the attribute ruler (179 patterns that give
each fine-grained tag its part of speech and morphology, and fix a few words)
costs as much as the parser: spaCy's ``Matcher`` tries every pattern at every
token. Nearly all of the patterns are one token wide and compare a token's
attributes with a value or a set of values, so the rules that can match a
token are found by looking its tag, lower-case form or dependency up in a
table, and only those are checked. The other patterns (several tokens,
regular expressions, morphology) still go through a ``Matcher`` of their own.

The rules that match are applied in the ruler's order with spaCy's own
``set_token_attrs``, as the ruler does, so later rules win and the annotations
are identical; ``tests/test_attribute_table.py`` compares the two on many
texts in both languages. Only pipelines quotestance loads itself get the
table (:func:`speed_up`); a pipeline passed ready-made is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

__all__ = ["AttributeTable", "speed_up"]

#: Token attributes a pattern may compare by value (strings) and stay in the table.
_STRING_ATTRS = ("ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX")
#: Preferred attributes to look a rule up by, most selective first.
_LOOKUP_ORDER = ("LOWER", "ORTH", "NORM", "LEMMA", "DEP", "TAG", "POS")


@dataclass(frozen=True)
class _Test:
    column: int
    op: str  # "==", "in" or "not in"
    values: frozenset[int]

    def holds(self, row: list[int]) -> bool:
        value = row[self.column]
        return (value in self.values) if self.op != "not in" else (value not in self.values)


class AttributeTable:
    """The rules of an :class:`~spacy.pipeline.AttributeRuler`, applied by look-up.

    Callable as a pipeline component; ``pipe`` is not needed, spaCy calls it
    document by document as it does the ruler.
    """

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self._attrs: list[dict[Any, Any]] = []
        self._columns: list[int] = []
        self._lookups: dict[int, dict[int, list[tuple[int, tuple[_Test, ...]]]]] = {}
        self._fallback = Matcher(vocab, validate=False)
        self._fallback_index: dict[int, int] = {}

    def take_rules(self, ruler: "AttributeRuler") -> "AttributeTable":
        """Take over ``ruler``'s rules (once, before the first document)."""
        import spacy.attrs

        strings = self.vocab.strings
        self._attrs = list(ruler.attrs)  # normalised, as the ruler itself applies them
        names: dict[str, int] = {}

        def column(name: str) -> int:
            attr = "ORTH" if name == "TEXT" else name
            if attr not in names:
                names[attr] = len(self._columns)
                self._columns.append(spacy.attrs.IDS[attr])
            return names[attr]

        for rule, entry in enumerate(ruler.patterns):
            index = entry.get("index", 0)
            for pattern in entry["patterns"]:
                tests = _tests(pattern, index, strings.add, column) if isinstance(pattern, list) else None
                if tests is None:
                    self._fallback.add(str(rule), [pattern])
                    self._fallback_index[rule] = index
                    continue
                key = min(tests, key=lambda t: (t.op == "not in", _rank(self._columns[t.column]), len(t.values)))
                if key.op == "not in":
                    self._fallback.add(str(rule), [pattern])  # no value to look it up by
                    self._fallback_index[rule] = index
                    continue
                rest = tuple(t for t in tests if t is not key)
                by_value = self._lookups.setdefault(key.column, {})
                for value in key.values:
                    by_value.setdefault(value, []).append((rule, rest))
        return self

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        rows = doc.to_array(self._columns).tolist() if self._columns else []
        hits: dict[int, list[int]] = {}
        lookups = list(self._lookups.items())
        for i, row in enumerate(rows):
            found = None
            for col, by_value in lookups:
                candidates = by_value.get(row[col])
                if candidates:
                    for rule, rest in candidates:
                        if all(t.holds(row) for t in rest):
                            found = found or []
                            found.append(rule)
            if found:
                hits[i] = found
        if len(self._fallback):
            strings = doc.vocab.strings
            for match_id, start, end in self._fallback(doc, allow_missing=True):
                rule = int(strings[match_id])
                index = self._fallback_index[rule]
                position = (start if index >= 0 else end) + index
                if not start <= position < end:
                    raise ValueError(f"attribute rule {rule}: index {index} outside a match of {end - start} tokens")
                hits.setdefault(position, []).append(rule)
        for i, rules in hits.items():
            token = doc[i]
            for rule in sorted(rules):  # later rules win, as in the ruler
                set_token_attrs(token, self._attrs[rule])
        return doc


def _rank(attr_id: int) -> int:
    import spacy.attrs

    ids = [spacy.attrs.IDS[name] for name in _LOOKUP_ORDER]
    return ids.index(attr_id) if attr_id in ids else len(ids)


def _tests(pattern: list[dict[str, Any]], index: int, intern: Callable[[str], int],
           column: Callable[[str], int]) -> tuple[_Test, ...] | None:
    """The value tests of a one-token pattern, or ``None`` when the table cannot hold it."""
    if len(pattern) != 1 or index not in (0, -1) or not pattern[0]:
        return None
    tests = []
    for name, wanted in pattern[0].items():
        name = name.upper()
        if name in _STRING_ATTRS:
            if isinstance(wanted, str):
                tests.append(_Test(column(name), "==", frozenset({intern(wanted)})))
            elif isinstance(wanted, dict) and len(wanted) == 1 and set(wanted) <= {"IN", "NOT_IN"}:
                (op, values), = wanted.items()
                if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
                    return None
                tests.append(_Test(column(name), "in" if op == "IN" else "not in", frozenset(map(intern, values))))
            else:
                return None
        elif (name.startswith("IS_") or name.startswith("LIKE_")) and isinstance(wanted, bool) and name != "IS_SENT_START":
            tests.append(_Test(column(name), "==", frozenset({int(wanted)})))
        else:
            return None
    return tuple(tests)


FACTORY = "quotestance_attribute_table"


def speed_up(nlp: "Language") -> None:
    """Put an :class:`AttributeTable` in the place (and under the name) of each of ``nlp``'s attribute rulers.

    The table holds its rules in memory only: a pipeline saved after this
    (``nlp.to_disk``) would reload without them, so it is done only to the
    pipelines quotestance loads and keeps for itself.
    """
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=lambda nlp, name: AttributeTable(nlp.vocab))
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            table = nlp.replace_pipe(name, FACTORY)
            table.take_rules(component)
