"""Chinese word segmentation for the search index and for queries.

Wagtail's database search backends split text on spaces and punctuation, so a
Chinese word inside a longer run of characters is never matched. We index the
text segmented by jieba and segment each query the same way, which works the
same on SQLite and PostgreSQL.
"""

import re

import jieba

jieba.setLogLevel(60)


def segment(text: str) -> str:
    """Return `text` as space-separated words, including the shorter words inside long ones."""
    return " ".join(word for word in jieba.cut_for_search(text or "") if word.strip())


def segment_query(text: str) -> str:
    """Segment a visitor's query, keeping only word characters: quotes and operators in a query
    would otherwise reach the search backend's own query syntax (SQLite FTS5 refuses a lone `"`)."""
    return segment(re.sub(r"[^\w\s]", " ", text or ""))
