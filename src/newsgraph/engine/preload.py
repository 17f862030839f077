"""Imported once by the fork server that starts local workers: what every worker needs.

spaCy, the extractors and (when the engine named one) the spaCy model are loaded
here before any worker is forked, so each worker starts at once and shares these
pages copy-on-write instead of loading its own copy.
"""

import os

from newsgraph.engine import tasks  # noqa: F401 - imports spaCy and every extractor

_model = os.environ.get("NEWSGRAPH_PRELOAD_MODEL")
if _model:
    from newsgraph.nlp.model import load_nlp

    try:
        load_nlp(_model)
    except Exception:  # noqa: BLE001 - a worker that needs the model reports the problem itself
        pass

import gc  # noqa: E402 - after the imports above: freeze what they loaded

# Everything loaded so far lives as long as the workers: keep the garbage collector off it,
# so collections in a worker neither scan it nor copy its pages.
gc.freeze()
