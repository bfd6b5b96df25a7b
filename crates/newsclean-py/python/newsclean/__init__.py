"""newsclean: strip scraper boilerplate from news text, with an exact audit.

    import newsclean
    cleaner = newsclean.Cleaner()                 # the built-in rule pack
    r = cleaner.clean(text, id="a1", url="https://example.com/a1")
    r.text, r.rejected, r.metadata, r.removals

Corpus pass (the repeated-line rule of ``newsclean clean``), in two passes::

    stats = newsclean.CorpusStats()
    stats.add(texts, ids=ids)                     # in input order; merge() shards
    cleaner = newsclean.Cleaner(corpus=stats)
    results = cleaner.clean_batch(texts, ids=ids)  # parallel, in input order

A datatrove step: ``from newsclean.datatrove import NewsClean``.
"""

from ._newsclean import Cleaner, CorpusStats, Result, RulePackError

__all__ = ["Cleaner", "CorpusStats", "Result", "RulePackError"]
