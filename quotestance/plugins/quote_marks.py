"""The built-in extractor: quotations between quote marks, attributed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..pipeline import RUN_CONTEXT_KEY, RunContext, extract_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..types import Quote


@hookimpl(trylast=True)
def quotestance_extract(doc: "Doc", lang: str) -> "list[Quote]":
    context = doc.user_data.get(RUN_CONTEXT_KEY) or RunContext.default(lang)
    result = extract_quotes(doc, lang, context)
    context.diagnostics.extend(result.diagnostics)
    return result.quotes
