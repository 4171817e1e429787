"""quotetrail: who said what, when, and who reported it, across news coverage."""
__version__ = "0.1.0"
