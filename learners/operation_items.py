"""When two special operation items (特种作业操作项目) are the same item. Pure: the one rule for it.

Items are free text, named as on the certificates, and typed by hand in forms, the API and roster files:
the same item arrives with full-width letters or digits (Ａ类, ２级), full-width brackets, an inner space
or an ideographic space (U+3000), or another letter case. Everything that compares items — a post's
items with each other, a roster's items with those on record, a certificate's item with a post's —
compares their `operation_item_key`; what is stored and shown keeps the spelling as typed (stripped).
"""

import unicodedata
from collections.abc import Iterable


def operation_item_key(item: str) -> str:
    """The item as compared: NFKC (full-width → half-width, U+3000 → space), without any white space,
    case-folded. 「高压电工\u3000作业」, 「高压电工作业 」 and 「高压电工作业」 have the same key."""
    return "".join(unicodedata.normalize("NFKC", str(item)).split()).casefold()


def same_operation_item(first: str, second: str) -> bool:
    return operation_item_key(first) == operation_item_key(second)


def operation_items_unique(items: Iterable[str]) -> list[str]:
    """`items` without repeats of the same item, each kept in its first spelling, in order."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(operation_item_key(item), item)
    return list(seen.values())


def operation_item_keys(items: Iterable[str]) -> tuple[str, ...]:
    """The keys of a post's items, in order: two lists of items name the same items when these are equal."""
    return tuple(operation_item_key(item) for item in items)
