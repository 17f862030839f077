"""ingest stage: raw inputs (files, folders, globs, stdin, gz, WARC, JSON Lines) to clean articles.

Readers (`sources`, `json_records`) and decoding give `RawDocument`s; `pipeline`
prepares, observes and finishes them into `Article`s as pure functions, with
the plain-text cleaner (`textclean`, `dateline`, `furniture`) and the HTML
extractor (`html`, `html_dates`). Nothing here imports a later stage.
"""
