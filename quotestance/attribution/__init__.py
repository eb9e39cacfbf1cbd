"""Attribution: who said each quotation, and how sure we are.

The flow, one module a step:

- :mod:`.cue_words`, :mod:`.mentions`: reporting cues and noun phrases among tokens;
- :mod:`.cue_rules`: the rules, as generators of speaker proposals;
- :mod:`.generators`: the other generators (next and previous sentence,
  transcript labels, names nearby);
- :mod:`.governor`: the subject of the reporting verb the parse puts above a quotation;
- :mod:`.role_nouns`, :mod:`.identity`: the document's people and organisations;
- :mod:`.referents`: what a mention can refer to, typed (person,
  organisation, group, anonymous source; non-agents refer to nobody);
- :mod:`.candidates`: every proposal of every generator, merged by speaker;
- :mod:`.features`: language-neutral features of a candidate;
- :mod:`.ranker`: the trained ranker and its calibrated confidence;
- :mod:`.assign`: the walk over a document's quotations;
- :mod:`.training`: training the ranker on annotated articles.
"""

from __future__ import annotations

from .assign import SpeakerAssigner, SpeakerDecision
from .ranker import AttributionModel, RuleChooser, default_attribution_model

__all__ = ["AttributionModel", "RuleChooser", "SpeakerAssigner", "SpeakerDecision", "default_attribution_model"]
