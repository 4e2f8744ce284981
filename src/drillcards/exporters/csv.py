"""Export a pack as Anki's text format: a tab-separated file Anki imports as Basic notes.

The header tells Anki the separator, that fields are HTML, the deck, and which columns
hold the GUID and the tags. The GUID is `<pack id>/<question id>`, so re-importing the
file (into Anki or into drillcards) updates the same notes instead of adding new ones.
"""

import csv
import io

from drillcards.exporters.card_html import anki_tags, back_html, front_html
from drillcards.models import Pack, card_key


def _header_value(text: str) -> str:
    return " ".join(text.split())


def pack_to_csv(pack: Pack) -> str:
    """The pack as an Anki text file (UTF-8 text)."""
    out = io.StringIO()
    out.write("#separator:tab\n")
    out.write("#html:true\n")
    out.write("#notetype:Basic\n")
    out.write(f"#deck:{_header_value(pack.title)}\n")
    out.write("#guid column:1\n")
    out.write("#tags column:4\n")
    out.write("#columns:GUID\tFront\tBack\tTags\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for question in pack.questions:
        writer.writerow(
            [
                card_key(pack.id, question.id),
                front_html(question),
                back_html(question),
                " ".join(anki_tags(question)),
            ]
        )
    return out.getvalue()
