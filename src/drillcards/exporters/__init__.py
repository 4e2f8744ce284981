"""Writers that turn a pack into a file of another tool's format."""

from drillcards.errors import UserError
from drillcards.models import Pack

EXPORT_FORMATS = ("yaml", "csv", "apkg")


def export_pack(pack: Pack, export_format: str) -> str | bytes:
    """The pack in `export_format`: text for text formats, bytes for binary ones.

    yaml re-imports to an equal pack; csv is Anki's text format (tab-separated, HTML
    fields, GUID and tags columns); apkg is an Anki package of Basic notes.
    """
    if export_format == "yaml":
        from drillcards.packs import dump_pack

        return dump_pack(pack)
    if export_format == "csv":
        from drillcards.exporters.csv import pack_to_csv

        return pack_to_csv(pack)
    if export_format == "apkg":
        from drillcards.exporters.apkg import pack_to_apkg

        return pack_to_apkg(pack)
    raise UserError(
        f"unknown export format {export_format!r} (choose from {', '.join(EXPORT_FORMATS)})"
    )
