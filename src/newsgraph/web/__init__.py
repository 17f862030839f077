"""web stage: `newsgraph serve`, an HTTP API and server-rendered pages over a read-only store.

    from newsgraph.web import create_app
    app = create_app("news.db", token=None)   # a FastAPI app; run it with uvicorn

Routes are thin: they build the store's filters, call the `Store` protocol and
hand typed rows to JSON response models (`models`) or Jinja2 templates
(`pages`). Everything the pages need (CSS, JS, charts drawn as SVG on the
server) ships in this package.
"""

from newsgraph.web.app import create_app

__all__ = ["create_app"]
