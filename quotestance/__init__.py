"""quotestance: find direct quotations in news text, attribute them, label their stance.

The public API is re-exported here; everything else is an implementation
detail that may change between minor versions.
"""

from __future__ import annotations

from .errors import InputError, ModelNotFoundError, QuotestanceError, UnsupportedLanguageError
from .batch import analyze_many
from .lang import detect_language
from .names import SpeakerRegistry
from .pipeline import Analysis, analyze, analyze_document
from .spans import scan
from .types import Diagnostic, Quote

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Diagnostic",
    "InputError",
    "ModelNotFoundError",
    "Quote",
    "QuotestanceError",
    "SpeakerRegistry",
    "UnsupportedLanguageError",
    "__version__",
    "analyze",
    "analyze_document",
    "analyze_many",
    "detect_language",
    "scan",
]
