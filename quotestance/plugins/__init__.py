"""quotestance's own behaviour, written as plugins and registered like any other.

They are registered first and implement their hooks with ``trylast=True``, so
an installed plugin can run before them or replace them (block one by name
with ``QuoteStance(block=[...])``).
"""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "quotestance.plugins.quote_marks",
    "quotestance.plugins.sinks",
)
