"""Which questions a session or a listing takes: by tag and by category (`--tag`, `--category`).

A question matches a tag when its own tags include it, ignoring case; the tag `leech`
also matches every card marked a leech (see `card_flags.py`). Several tags match any of
them, several categories any of them; tags and categories together must both match.
"""

from dataclasses import dataclass

from drillcards.card_flags import LEECH_TAG


@dataclass(frozen=True)
class CardFilter:
    """Tags and categories to keep; empty means no restriction."""

    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.tags or self.categories)

    def sql(self, questions: str = "q") -> tuple[str, list[str]]:
        """An SQL condition on the `catalog_questions` row aliased `questions`, and its
        parameters ("1" when nothing is filtered)."""
        conditions: list[str] = []
        params: list[str] = []
        if self.tags:
            tags = [tag.lower() for tag in self.tags]
            marks = ", ".join("?" * len(tags))
            condition = (
                f"EXISTS (SELECT 1 FROM json_each({questions}.question, '$.tags') "
                f"WHERE lower(value) IN ({marks}))"
            )
            params.extend(tags)
            if LEECH_TAG in tags:
                condition += (
                    " OR EXISTS (SELECT 1 FROM card_flags AS lf "
                    f"WHERE lf.key = {questions}.key AND lf.leech)"
                )
            conditions.append(f"({condition})")
        if self.categories:
            marks = ", ".join("?" * len(self.categories))
            category = f"lower(json_extract({questions}.question, '$.category'))"
            conditions.append(f"{category} IN ({marks})")
            params.extend(category.lower() for category in self.categories)
        return (" AND ".join(conditions) or "1"), params
