"""A datatrove pipeline step (imports datatrove, so only when you import it).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.datatrove import NewsClean

    LocalPipelineExecutor(pipeline=[
        JsonlReader("in/"),
        NewsClean(corpus="stats.json", exclusion_writer=JsonlWriter("rejected/")),
        JsonlWriter("out/"),
    ]).run()

Each document's text is cleaned in place and the clean record's metadata goes
under ``document.metadata["newsclean"]``. A rejected document (nothing left,
empty, too large, binary) is dropped like a filter drops it: counted as
``dropped`` and ``dropped_<reason>``, and written unchanged, with
``metadata["filter_reason"]`` and ``metadata["newsclean"]`` = {"rejected",
"detail"}, to ``exclusion_writer`` when there is one. Removals are counted per
rule in the step's stats: ``removals/<rule id>`` (one per removal) and
``removed_chars/<rule id>`` (characters).
"""

from __future__ import annotations

import contextlib
from typing import Optional, Union

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.batching import batched
from datatrove.utils.typeshelper import StatHints

from . import Cleaner, CorpusStats

# The record fields whose value is the document's site, as `newsclean clean`
# reads them from a JSONL record (the first present wins).
URL_KEYS = ("url", "link", "domain")


class NewsClean(PipelineStep):
    """Clean ``Document.text`` with newsclean.

    Args:
        rules: folder of rule files replacing the built-in pack.
        extra_rules: folder of rule files added to the built-in pack.
        corpus: corpus statistics for the repeated-line rule: the path of a
            file written by ``CorpusStats.save`` (picklable, so it works with
            any executor) or a ``CorpusStats`` (in-process executors only).
        exclusion_writer: where rejected documents go (like a filter's).
        batch_size: documents cleaned together (in parallel, without the GIL).
    """

    name = "🧹 NewsClean"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        rules: Optional[str] = None,
        extra_rules: Optional[str] = None,
        corpus: Union[None, str, CorpusStats] = None,
        exclusion_writer: Optional[DiskWriter] = None,
        batch_size: int = 256,
    ):
        super().__init__()
        self.rules = rules
        self.extra_rules = extra_rules
        self.corpus = corpus
        self.exclusion_writer = exclusion_writer
        self.batch_size = batch_size
        self._cleaner: Optional[Cleaner] = None

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_cleaner"] = None  # rebuilt in each process
        return state

    @property
    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            corpus = self.corpus
            if isinstance(corpus, str):
                corpus = CorpusStats.load(corpus, rules=self.rules, extra_rules=self.extra_rules)
            self._cleaner = Cleaner(rules=self.rules, extra_rules=self.extra_rules, corpus=corpus)
        return self._cleaner

    @staticmethod
    def _url(metadata: dict) -> Optional[str]:
        for key in URL_KEYS:
            value = metadata.get(key)
            if isinstance(value, str):
                return value
        return None

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        cleaner = self.cleaner
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for batch in batched(data, self.batch_size):
                with self.track_time("batch"):
                    results = cleaner.clean_batch(
                        [doc.text for doc in batch],
                        ids=[str(doc.id) if doc.id is not None else None for doc in batch],
                        urls=[self._url(doc.metadata) for doc in batch],
                    )
                for doc, res in zip(batch, results):
                    self.stat_update(StatHints.total)
                    for removal in res.removals:
                        self.stat_update(f"removals/{removal['rule']}")
                        self.stat_update(
                            f"removed_chars/{removal['rule']}", value=len(removal["text"]), unit="removal"
                        )
                    if res.rejected is None:
                        doc.text = res.text
                        doc.metadata["newsclean"] = res.metadata
                        self.stat_update(StatHints.forwarded)
                        self.update_doc_stats(doc)
                        yield doc
                    else:
                        self.stat_update(StatHints.dropped, f"dropped_{res.rejected}")
                        if writer is not None:
                            doc.metadata["filter_reason"] = res.rejected
                            doc.metadata["newsclean"] = {"rejected": res.rejected, "detail": res.detail}
                            writer.write(doc, rank)
