"""nlp stage: spaCy pipeline and the project's own components (quotes, dates, amounts, events).

Articles pass through ingest before they reach this stage; nothing here imports store or engine.
"""
