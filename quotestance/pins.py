"""The sha256 of every model file quotestance ships, pinned in code.

A model card records its artifact's hash, but a card sits next to its
model: whoever can replace the one can replace the other, and the card then
vouches for a pickle of their choosing. These hashes are part of the
package's code instead, so a model file is unpickled without being asked
only when it is byte for byte one we trained and shipped. Anything else
needs ``trusted=True`` (``--trust-model``). Retraining a bundled model
means updating its line here; ``tests/test_artifacts.py`` fails until then.
"""

from __future__ import annotations

__all__ = ["BUNDLED_SHA256"]

#: File name of each bundled model -> the sha256 of its bytes.
BUNDLED_SHA256: dict[str, str] = {
    "stance-0.1.0.joblib": "a0af47bfcb3ee44e39d6cda11465da29abe8a999cba5e2acd954b8507e80d2ae",
    "attribution-0.3.1.joblib": "5007660b05659ee53c35f4395d5460ec1d367e0ae6e04ec0d618b7ac0d97a8cb",
}
