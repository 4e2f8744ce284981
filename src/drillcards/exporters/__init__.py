"""Writers that turn a pack into a file of another tool's format."""

from drillcards.errors import UserError
from drillcards.models import Pack

EXPORT_FORMATS = ("yaml",)


def export_pack(pack: Pack, export_format: str) -> str | bytes:
    """The pack in `export_format`: text for text formats, bytes for binary ones."""
    if export_format == "yaml":
        from drillcards.packs import dump_pack

        return dump_pack(pack)
    raise UserError(
        f"unknown export format {export_format!r} (choose from {', '.join(EXPORT_FORMATS)})"
    )
