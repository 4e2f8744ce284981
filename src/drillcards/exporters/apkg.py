"""Export a pack as an Anki package (.apkg) that Anki imports as one deck of Basic notes.

The package is in the legacy layout every Anki version since 2.1 imports: a zip holding
`collection.anki2` (an SQLite database in schema 11) and an empty media map. Note GUIDs
are `<pack id>/<question id>`, so importing an updated export into Anki updates the
notes it imported before. Ids are derived from the pack, so the same pack gives the
same package.
"""

import hashlib
import io
import json
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from pathlib import Path

from drillcards.exporters.card_html import anki_tags, back_html, front_html
from drillcards.importers.html_text import html_to_text
from drillcards.models import Pack, card_key

_SCHEMA = """
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL,
  tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
"""

NOTETYPE_NAME = "drillcards Basic"
_CSS = ".card { font-family: arial; font-size: 20px; text-align: left; color: black; }\n"
_EPOCH_MS = 1_700_000_000_000
"""Note and card ids count up from here (Anki remaps ids that clash on import)."""


def _stable_id(text: str) -> int:
    """A positive id below 2**52 derived from `text`."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:13], 16)


def _notetype(model_id: int, deck_id: int) -> dict[str, object]:
    def field(name: str, ord_: int) -> dict[str, object]:
        return {
            "name": name,
            "ord": ord_,
            "sticky": False,
            "rtl": False,
            "font": "Arial",
            "size": 20,
            "media": [],
        }

    return {
        "id": model_id,
        "name": NOTETYPE_NAME,
        "type": 0,
        "mod": 0,
        "usn": -1,
        "sortf": 0,
        "did": deck_id,
        "tmpls": [
            {
                "name": "Card 1",
                "ord": 0,
                "qfmt": "{{Front}}",
                "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}",
                "bqfmt": "",
                "bafmt": "",
                "did": None,
            }
        ],
        "flds": [field("Front", 0), field("Back", 1)],
        "css": _CSS,
        "latexPre": "\\documentclass[12pt]{article}\n\\begin{document}\n",
        "latexPost": "\\end{document}",
        "latexsvg": False,
        "req": [[0, "any", [0]]],
        "tags": [],
        "vers": [],
    }


def _deck(deck_id: int, name: str, description: str) -> dict[str, object]:
    return {
        "id": deck_id,
        "name": name,
        "desc": description,
        "mod": 0,
        "usn": -1,
        "collapsed": False,
        "browserCollapsed": False,
        "dyn": 0,
        "conf": 1,
        "extendNew": 0,
        "extendRev": 0,
        "newToday": [0, 0],
        "revToday": [0, 0],
        "lrnToday": [0, 0],
        "timeToday": [0, 0],
    }


_DECK_CONFIG = {
    "1": {
        "id": 1,
        "name": "Default",
        "mod": 0,
        "usn": 0,
        "maxTaken": 60,
        "autoplay": True,
        "timer": 0,
        "replayq": True,
        "dyn": False,
        "new": {
            "bury": False,
            "delays": [1.0, 10.0],
            "initialFactor": 2500,
            "ints": [1, 4, 0],
            "order": 1,
            "perDay": 20,
        },
        "rev": {
            "bury": False,
            "ease4": 1.3,
            "ivlFct": 1.0,
            "maxIvl": 36500,
            "perDay": 200,
            "hardFactor": 1.2,
        },
        "lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0},
    }
}


def _checksum(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def _collection(pack: Pack, database: Path) -> None:
    deck_id = _stable_id(f"deck:{pack.id}")
    model_id = _stable_id(f"notetype:{NOTETYPE_NAME}")
    with closing(sqlite3.connect(database)) as db:
        db.executescript(_SCHEMA)
        decks = {
            "1": _deck(1, "Default", ""),
            str(deck_id): _deck(deck_id, pack.title, pack.description or ""),
        }
        conf = {
            "nextPos": len(pack.questions) + 1,
            "curDeck": deck_id,
            "curModel": model_id,
            "schedVer": 2,
            "sortType": "noteFld",
            "activeDecks": [deck_id],
        }
        db.execute(
            "insert into col values (1, 0, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
            (
                json.dumps(conf),
                json.dumps({str(model_id): _notetype(model_id, deck_id)}),
                json.dumps(decks),
                json.dumps(_DECK_CONFIG),
            ),
        )
        for position, question in enumerate(pack.questions):
            note_id = card_id = _EPOCH_MS + position
            front = front_html(question)
            tags = anki_tags(question)
            sort_field = html_to_text(front)
            db.execute(
                "insert into notes values (?, ?, ?, 0, -1, ?, ?, ?, ?, 0, '')",
                (
                    note_id,
                    card_key(pack.id, question.id),
                    model_id,
                    f" {' '.join(tags)} " if tags else "",
                    f"{front}\x1f{back_html(question)}",
                    sort_field,
                    _checksum(sort_field),
                ),
            )
            db.execute(
                "insert into cards values (?, ?, ?, 0, 0, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                (card_id, note_id, deck_id, position + 1),
            )
        db.commit()


def pack_to_apkg(pack: Pack) -> bytes:
    """The pack as the bytes of an .apkg file."""
    with tempfile.TemporaryDirectory(prefix="drill-export-") as folder:
        database = Path(folder) / "collection.anki2"
        _collection(pack, database)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            # A fixed time stamp on each entry: the same pack gives the same bytes.
            for name, data in (("collection.anki2", database.read_bytes()), ("media", b"{}")):
                entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, data)
        return buffer.getvalue()


_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry."""
