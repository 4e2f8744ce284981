"""Identifiers for imported packs and questions: slugs derived from content, never random.

Review history is keyed by `<pack id>/<question id>`, so an id must come out the same
every time the same input is imported: ids are slugs of a prompt, a file name or a deck
name, or an encoding of an Anki note's GUID.
"""

import base64
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence

from drillcards.models import SLUG_PATTERN

MAX_SLUG_LENGTH = 60
"""Longer slugs are cut at a hyphen: ids stay readable on a command line."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_IS_SLUG = re.compile(SLUG_PATTERN)
_QUALIFIED_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/(?P<question>[a-z0-9][a-z0-9-]*)$")


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """`text` as a slug: accents folded, lower case, runs of other characters as one '-'.

    Returns "" when nothing of `text` survives (e.g. text in a non-Latin script).
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def content_id(text: str, prefix: str = "q") -> str:
    """A slug of `text`, or `<prefix>-<hash>` when the text has no Latin letters or digits."""
    slug = slugify(text)
    if slug:
        return slug
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


def id_from_guid(guid: str) -> str:
    """A question id from an Anki note GUID, the same for the same GUID every time.

    A GUID that is already a slug (as in decks drillcards exported) is kept, and so is
    the question part of a `pack/question` key; any other GUID is encoded losslessly
    (base32), because Anki GUIDs are case-sensitive and slugs are not.
    """
    guid = guid.strip()
    qualified = _QUALIFIED_ID.match(guid)
    if qualified:
        return qualified.group("question")
    if _IS_SLUG.match(guid) and len(guid) <= 100:
        return guid
    encoded = base64.b32encode(guid.encode("utf-8")).decode("ascii").rstrip("=").lower()
    return f"anki-{encoded}"


def pack_id_from_guids(guids: Iterable[str | None]) -> str | None:
    """The pack id when every GUID is a `pack/question` key of that one pack, else None.

    Decks exported by drillcards carry such GUIDs, so importing them back updates the
    pack they came from instead of creating another.
    """
    packs = set()
    for guid in guids:
        match = _QUALIFIED_ID.match((guid or "").strip())
        if not match:
            return None
        packs.add(guid.strip().split("/", 1)[0] if guid else "")
    return packs.pop() if len(packs) == 1 else None


def content_digests(*contents: str) -> tuple[bytes, ...]:
    """What tells a question apart, as `content_unique_ids` compares it: the SHA-1 of its
    first content, of its first two joined by a line break, and so on (a few bytes where
    the texts would take a large import's memory)."""
    digest = hashlib.sha1(contents[0].encode("utf-8"))
    digests = [digest.digest()]
    for content in contents[1:]:
        digest.update(b"\n" + content.encode("utf-8"))
        digests.append(digest.digest())
    return tuple(digests)


def content_unique_ids(ids: list[str], digests: Sequence[Sequence[bytes]]) -> list[str]:
    """The ids, each one given to several questions suffixed with a hash of its content.

    `digests[i]` are the `content_digests` of what tells question i apart, most stable
    first (its whole prompt and category, then its answer): the first of them that is
    different for every question sharing the id is used. So an id does not depend on
    where the question stands or on the other questions, and editing one repeat leaves
    the others' ids alone. Questions that are the same in every respect get -2, -3
    suffixes.
    """
    groups: dict[str, list[int]] = {}
    for index, wanted in enumerate(ids):
        groups.setdefault(wanted, []).append(index)
    result = list(ids)
    for wanted, members in groups.items():
        if len(members) < 2:
            continue
        depth = 1
        while depth < len(digests[members[0]]) and len(
            {digests[index][depth - 1] for index in members}
        ) < len(members):
            depth += 1
        for index in members:
            result[index] = f"{wanted}-{digests[index][depth - 1].hex()[:6]}"
    return unique_ids(result)


def unique_ids(ids: Iterable[str]) -> list[str]:
    """The ids in order, later repeats suffixed -2, -3, … so that every id is unique."""
    taken: set[str] = set()
    result = []
    for wanted in ids:
        candidate, number = wanted, 1
        while candidate in taken:
            number += 1
            candidate = f"{wanted}-{number}"
        taken.add(candidate)
        result.append(candidate)
    return result


def pack_id_from_name(name: str) -> str:
    """A pack id from a file or deck name; "imported" when the name has no usable letters."""
    return slugify(name) or "imported"
