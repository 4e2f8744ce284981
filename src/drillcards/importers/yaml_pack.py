"""Import drillcards' own YAML packs: a pack file, or a folder of them."""

from pathlib import Path

from drillcards.built_pack import BuiltPack
from drillcards.errors import UserError
from drillcards.importers.building import ImportedPack
from drillcards.packs import load_pack

PACK_SUFFIXES = (".yaml", ".yml")


def pack_files(folder: Path) -> list[Path]:
    """The pack files directly inside `folder`, sorted; UserError when there are none."""
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in PACK_SUFFIXES and p.is_file())
    if not found:
        raise UserError(f"{folder}: no .yaml pack files in this folder")
    return found


def import_yaml(path: Path) -> list[ImportedPack]:
    """Load and validate a pack file, or every pack file in a folder."""
    files = pack_files(path) if path.is_dir() else [path]
    return [ImportedPack(BuiltPack.of(load_pack(file)), file) for file in files]
