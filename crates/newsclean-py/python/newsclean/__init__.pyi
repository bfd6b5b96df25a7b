from os import PathLike
from typing import Any, Iterable, Optional, Sequence, Union

_Path = Union[str, PathLike[str]]

class RulePackError(ValueError):
    """A rule pack that cannot be loaded (the message is the CLI's)."""

class Result:
    """One document cleaned."""

    @property
    def id(self) -> Optional[str]: ...
    @property
    def text(self) -> Optional[str]:
        """The cleaned text; None when the document was rejected."""
    @property
    def rejected(self) -> Optional[str]:
        """Why it was rejected (empty, empty_after_cleaning, too_large, binary), or None."""
    @property
    def detail(self) -> Optional[str]:
        """The rejected record's detail, or None."""
    @property
    def metadata(self) -> Optional[dict[str, Any]]:
        """The clean.jsonl record's metadata (None when rejected)."""
    @property
    def removals(self) -> list[dict[str, Any]]:
        """Audit records: rule, kind, stage, lines, bytes, text, count, note."""

class CorpusStats:
    """Corpus-wide statistics (the first pass of ``newsclean clean``)."""

    def __init__(
        self,
        rules: Optional[_Path] = None,
        extra_rules: Optional[_Path] = None,
        max_doc_bytes: int = 8388608,
    ) -> None: ...
    def add(self, texts: Iterable[str], ids: Optional[Sequence[Optional[str]]] = None) -> None:
        """Count documents, in input order; with ids, first copies are remembered (duplicate_of)."""
    def merge(self, other: CorpusStats) -> None:
        """Add the counts of other, whose documents follow these."""
    def save(self, path: _Path) -> None: ...
    @staticmethod
    def load(
        path: _Path,
        rules: Optional[_Path] = None,
        extra_rules: Optional[_Path] = None,
        max_doc_bytes: int = 8388608,
    ) -> CorpusStats: ...
    @property
    def distinct_documents(self) -> int: ...
    def __len__(self) -> int: ...

class Cleaner:
    """Cleans documents with one rule pack (and optionally corpus statistics)."""

    def __init__(
        self,
        rules: Optional[_Path] = None,
        extra_rules: Optional[_Path] = None,
        corpus: Optional[CorpusStats] = None,
        max_doc_bytes: int = 8388608,
        model: bool = True,
    ) -> None: ...
    def clean(
        self,
        text: str,
        id: Optional[str] = None,
        url: Optional[str] = None,
        *,
        source_path: Optional[str] = None,
    ) -> Result: ...
    def clean_batch(
        self,
        texts: Iterable[str],
        ids: Optional[Sequence[Optional[str]]] = None,
        urls: Optional[Sequence[Optional[str]]] = None,
        *,
        source_paths: Optional[Sequence[Optional[str]]] = None,
    ) -> list[Result]:
        """Clean in parallel without the GIL; results in input order."""
    @property
    def corpus_enabled(self) -> bool: ...

__all__ = ["Cleaner", "CorpusStats", "Result", "RulePackError"]
