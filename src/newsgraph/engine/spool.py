"""A first-in, first-out spool of prepared documents on disk.

The engine reads every input once (decoding, HTML extraction) to gather the
template evidence of the whole run before it cleans any document; the prepared
documents wait here meanwhile, so memory does not grow with the input.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from typing import Any

__all__ = ["Spool"]


class Spool:
    """Append items, then read them back once, in order. The file is removed on close."""

    def __init__(self, directory: str | None = None) -> None:
        handle, self.path = tempfile.mkstemp(prefix="newsgraph-spool-", suffix=".pickle", dir=directory)
        self._file = os.fdopen(handle, "w+b")
        self.count = 0

    def append(self, item: Any) -> None:
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
