"""newsgraph: raw news in; who said what, about whom, when, and what was done out."""

__version__ = "0.1.0"
