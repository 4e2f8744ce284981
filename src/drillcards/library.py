"""The library: bundled packs plus the packs installed under the data directory.

Bundled packs are YAML, the format people write. Installed packs are stored as the
validated pack in JSON (`packs/<id>.json`), which loads ten times faster than YAML for
a large deck; `drill export` gives the YAML back. An installed pack with the same id
as a bundled one takes its place, so a user can edit and re-import a bundled pack;
questions of a bundled pack edited with `drill edit` are applied from `overrides/`.
Installing is all-or-nothing: every new file is written to a temporary name first
and only then moved into place.
"""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from drillcards.errors import UserError
from drillcards.faults import describe_os_error
from drillcards.home import installed_packs_dir
from drillcards.humanize import did_you_mean

if TYPE_CHECKING:  # pydantic and yaml take ~0.15 s to import: only loading a pack needs them
    from drillcards.built_pack import BuiltPack
    from drillcards.models import Pack

BUNDLED_SUFFIX = ".yaml"
INSTALLED_SUFFIX = ".json"


def bundled_packs_dir() -> Path:
    """The folder of packs shipped with drillcards (`data/questions/`)."""
    # The package's folder, as importlib.resources.files() gives it (which imports zipfile
    # and more: 3 ms of every command's start).
    packaged = Path(__file__).parent / "data" / "questions"
    if packaged.is_dir():  # an installed wheel
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "questions"  # a source checkout


@dataclass
class Library:
    """The packs available to drill, found by id."""

    home: Path
    _paths: dict[str, Path] | None = field(default=None, init=False, repr=False)
    _loaded: dict[str, "Pack"] = field(default_factory=dict, init=False, repr=False)

    @property
    def installed_dir(self) -> Path:
        """Where `drill import` puts packs."""
        return installed_packs_dir(self.home)

    def _pack_paths(self) -> dict[str, Path]:
        if self._paths is None:
            paths: dict[str, Path] = {}
            for folder, suffix in (
                (bundled_packs_dir(), BUNDLED_SUFFIX),
                (self.installed_dir, INSTALLED_SUFFIX),
            ):
                if folder.is_dir():
                    for path in sorted(folder.glob(f"*{suffix}")):
                        paths[path.stem] = path
            self._paths = paths
        return self._paths

    def pack_ids(self) -> list[str]:
        """Ids of every available pack, sorted."""
        return sorted(self._pack_paths())

    def path_of(self, pack_id: str) -> Path:
        """The file a pack is read from; UserError for an unknown id."""
        paths = self._pack_paths()
        if pack_id not in paths:
            hint = (
                did_you_mean(pack_id, paths)
                or f" (installed: {', '.join(sorted(paths)) or 'none'})"
            )
            raise UserError(f"unknown pack {pack_id!r}{hint}")
        return paths[pack_id]

    def get(self, pack_id: str) -> "Pack":
        """Load a pack by id (cached for the life of this Library)."""
        if pack_id not in self._loaded:
            from drillcards.overrides import apply_overrides
            from drillcards.packs import load_pack, load_pack_json

            path = self.path_of(pack_id)
            if path.suffix == INSTALLED_SUFFIX:
                pack = load_pack_json(path)
            else:
                pack = apply_overrides(self.home, load_pack(path))
            if pack.id != pack_id:
                raise UserError(
                    f"{self.path_of(pack_id)}: id: the pack says {pack.id!r}, "
                    f"but its file name says {pack_id!r}"
                )
            self._loaded[pack_id] = pack
        return self._loaded[pack_id]

    def packs(self) -> list["Pack"]:
        """Every available pack, sorted by id."""
        return [self.get(pack_id) for pack_id in self.pack_ids()]

    def question_ids(self, pack_id: str) -> list[str]:
        """The question ids of an available pack, without validating the whole pack."""
        path = self.path_of(pack_id)
        if path.suffix != INSTALLED_SUFFIX:
            return [question.id for question in self.get(pack_id).questions]
        from drillcards.packs import read_text_file

        try:
            return [
                str(question["id"]) for question in json.loads(read_text_file(path))["questions"]
            ]
        except (ValueError, KeyError, TypeError):
            raise UserError(f"{path}: damaged pack file; import the pack again") from None

    def is_bundled(self, pack_id: str) -> bool:
        """True when the pack comes with drillcards and was not replaced by an import."""
        return self.path_of(pack_id).parent == bundled_packs_dir()

    def install(self, packs: list["Pack"]) -> list[Path]:
        """Install pack models (replacing any with the same id), all or none.

        Returns the paths written.
        """
        from drillcards.built_pack import BuiltPack

        paths = self.install_built([BuiltPack.of(pack) for pack in packs])
        for pack in packs:
            self._loaded[pack.id] = pack
        return paths

    def install_built(self, packs: list["BuiltPack"]) -> list[Path]:
        """Install validated packs (replacing any with the same id), all or none.

        Returns the paths written.
        """
        ids = [pack.id for pack in packs]
        duplicated = sorted({pack_id for pack_id in ids if ids.count(pack_id) > 1})
        if duplicated:
            raise UserError(f"two inputs give the same pack id: {', '.join(duplicated)}")
        import tempfile  # ~1.5 ms to import: only installing needs it

        folder = self.installed_dir
        staged: list[tuple[Path, Path]] = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for pack in packs:
                handle, temporary = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".tmp")
                staged.append((Path(temporary), folder / f"{pack.id}{INSTALLED_SUFFIX}"))
                with os.fdopen(handle, "wb") as stream:
                    _write_pack_json(stream, pack)
                    stream.flush()
                    os.fsync(stream.fileno())
        except BaseException as error:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
            if isinstance(error, OSError):
                message = describe_os_error(error, error.filename or folder)
                raise UserError(f"nothing installed: {message}") from None
            raise
        for temporary, final in staged:
            os.replace(temporary, final)
        self._paths = None
        for pack in packs:
            self._loaded.pop(pack.id, None)
        return [final for _, final in staged]

    def forget(self, pack_id: str) -> None:
        """Drop a loaded pack from the cache, so the next `get` reads it again."""
        self._loaded.pop(pack_id, None)

    def removable_path(self, pack_id: str) -> Path:
        """The installed file of a pack; UserError for a bundled or unknown pack."""
        path = self.path_of(pack_id)
        if path.parent != self.installed_dir:
            raise UserError(
                f"{pack_id} is a bundled pack: it comes with drillcards and cannot be removed"
            )
        return path

    def uninstall(self, pack_id: str) -> Path:
        """Delete an installed pack's file (`drill remove`); returns the path deleted.

        A bundled pack cannot be removed (UserError). Review history is not touched, so
        re-importing the pack brings it back.
        """
        path = self.removable_path(pack_id)
        try:
            path.unlink()
        except OSError as error:
            raise UserError(f"{path}: cannot delete: {error.strerror}") from None
        self._paths = None
        self._loaded.pop(pack_id, None)
        return path


def _write_pack_json(stream: BinaryIO, pack: "BuiltPack") -> None:
    """Write a pack's installed file: its header, then its questions' JSON, one a line
    (written one by one: a large pack's file is not built in memory)."""
    header = pack.header.model_dump_json(exclude={"questions"}, exclude_defaults=True)
    stream.write(header[:-1].encode("utf-8") + b',\n"questions": [\n')
    for index, question in enumerate(pack.question_json):
        stream.write(question if index == 0 else b",\n" + question)
    stream.write(b"\n]}\n")
