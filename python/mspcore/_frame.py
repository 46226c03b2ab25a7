"""Records of a JSON result document as a sequence of dicts that also converts itself to a
DataFrame (thin glue: the values are the core's, only decimal text becomes decimal.Decimal)."""
from __future__ import annotations

import decimal
from collections.abc import Sequence


class Frame(Sequence):
    """A sequence of dicts with ``.to_pandas()``. The keys in ``decimals`` hold decimal text in
    the document and ``decimal.Decimal`` here (None stays None)."""

    def __init__(self, rows: list, decimals: frozenset = frozenset()):
        self._rows = [{k: decimal.Decimal(v) if k in decimals and v is not None else v for k, v in row.items()}
                      for row in rows]

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        return self._rows[index]

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (Frame, list)) else NotImplemented

    def __repr__(self) -> str:
        return repr(self._rows)

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self._rows)
