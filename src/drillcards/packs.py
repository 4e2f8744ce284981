"""Reading, validating and writing pack files, with `file:line:col: field: reason` errors.

Packs are parsed with PyYAML's safe loader only. Validation problems found by the
Pydantic models are mapped back to the line and column of the YAML node that caused
them, so a pack author can jump straight to the mistake.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from drillcards.errors import UserError
from drillcards.files import read_limited
from drillcards.humanize import did_you_mean
from drillcards.models import KeyTerm, Mistake, Pack, Question, Star, find_duplicates, term_identity

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeDumper as _SafeDumper
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _SafeDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_PACK_BYTES = 64 * 1024 * 1024
"""Larger files are refused rather than read into memory."""
MAX_ALIAS_GROWTH = 10_000
"""How many nodes more than the file holds its aliases may add once expanded: a few
aliases are fine, an alias bomb (aliases of aliases, or a cycle) is refused at once."""

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class PackProblem:
    """One problem found in a pack file."""

    line: int
    """1-based line, 0 when unknown."""
    column: int
    """1-based column, 0 when unknown."""
    field: str
    """Where in the pack, e.g. `questions[3].key_terms[2]`."""
    reason: str
    file: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        return f"{where}: {self.field}: {self.reason}"


class PackInvalid(UserError):
    """A pack file failed to load; `problems` lists every problem, sorted by line."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def format_field(path: Iterable[str | int]) -> str:
    """Render a field path as `questions[3].key_terms[2]`; the top level is `pack`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "pack"


class _Positions:
    """Where each value and key of a YAML document stands in its file."""

    def __init__(self) -> None:
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}

    def value(self, path: Path_) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest recorded ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (0, 0))

    def key(self, path: Path_) -> tuple[int, int]:
        """Position of the key that introduces `path`, falling back to its value."""
        return self.keys.get(path) or self.value(path)


def _refuse_alias_bombs(root: yaml.Node, file: str) -> None:
    """PackInvalid when aliases make the document much larger than the file.

    Validating walks the document with every alias expanded: nine levels of aliases
    of aliases take minutes and gigabytes, and a cycle never ends.
    """
    distinct: set[int] = set()
    expanded = 0
    stack = [root]
    while stack:
        node = stack.pop()
        expanded += 1
        distinct.add(id(node))
        if expanded > len(distinct) + MAX_ALIAS_GROWTH:
            reason = (
                f"aliases expand the document to more than {MAX_ALIAS_GROWTH:,} nodes "
                "beyond what the file holds (an alias bomb or a cycle)"
            )
            raise PackInvalid([PackProblem(1, 1, "pack", reason, file)])
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(node: yaml.Node, path: Path_, positions: _Positions, problems: list[PackProblem]) -> None:
    positions.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in seen:
                line, column = _mark(key_node)
                first_line = seen[key].start_mark.line + 1
                problems.append(
                    PackProblem(
                        line,
                        column,
                        format_field(path),
                        f"key {key!r} appears twice (first on line {first_line})",
                    )
                )
                continue
            seen[key] = key_node
            positions.keys[(*path, key)] = _mark(key_node)
            _walk(value_node, (*path, key), positions, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), positions, problems)


# Field names per model, for "did you mean" suggestions on unknown keys.
_FIELDS_BY_MODEL: dict[str, list[str]] = {
    model.__name__: list(model.model_fields) for model in (Pack, Question, KeyTerm, Mistake, Star)
}
_ALL_FIELDS = sorted({name for names in _FIELDS_BY_MODEL.values() for name in names})


def _fields_at(path: Path_) -> list[str]:
    """The keys allowed in the mapping at `path` (a path inside the pack)."""
    if not path:
        return _FIELDS_BY_MODEL["Pack"]
    if len(path) == 2 and path[0] == "questions":
        return _FIELDS_BY_MODEL["Question"]
    if len(path) >= 3 and path[-2] == "key_terms":
        return _FIELDS_BY_MODEL["KeyTerm"]
    if len(path) >= 3 and path[-2] == "mistakes":
        return _FIELDS_BY_MODEL["Mistake"]
    if path[-1] == "star":
        return _FIELDS_BY_MODEL["Star"]
    return _ALL_FIELDS


def _suggest(key: str, candidates: list[str]) -> str:
    return did_you_mean(key, candidates)


_REASONS = {
    "string_pattern_mismatch": "must be a slug: lower-case letters, digits and '-', e.g. 'my-pack'",
    "string_too_short": "must not be empty",
    "too_short": "must have at least one item",
    "missing": "is required",
    "list_type": "must be a list",
    "string_type": "must be a string",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
}


def _problem_from_error(error: Any, positions: _Positions) -> PackProblem:
    loc: Path_ = tuple(error["loc"])
    kind = error["type"]
    context = error.get("ctx") or {}
    if "index" in context and kind.startswith("duplicate_"):
        loc = (*loc, context["index"])
        line, column = positions.value(loc)
        return PackProblem(line, column, format_field(loc), error["msg"])
    if kind == "extra_forbidden":
        key = str(loc[-1])
        line, column = positions.key(loc)
        reason = f"unknown key {key!r}{_suggest(key, _fields_at(loc[:-1]))}"
        return PackProblem(line, column, format_field(loc[:-1]), reason)
    if kind == "missing":
        line, column = positions.value(loc[:-1])
        return PackProblem(line, column, format_field(loc[:-1]), f"{loc[-1]} is required")
    line, column = positions.value(loc)
    reason = _REASONS.get(kind, error["msg"][0].lower() + error["msg"][1:])
    if kind == "list_type" and loc and loc[-1] in ("aliases", "triggers", "tags"):
        reason = "must be a list of strings"
    if loc and isinstance(loc[-1], str):
        # `questions[3].key_terms[2]: aliases must be a list of strings`
        return PackProblem(line, column, format_field(loc[:-1]), f"{loc[-1]} {reason}")
    return PackProblem(line, column, format_field(loc), reason)


def _raw_duplicates(
    data: dict[str, Any], positions: _Positions, known: list[PackProblem]
) -> list[PackProblem]:
    """Duplicate ids and key terms among items that failed validation for other reasons.

    Pydantic skips a list's own checks when one of its items is invalid, so these are
    looked for in the raw data too, to report every problem in one pass.
    """

    def text(value: Any) -> str | None:
        return value if isinstance(value, str) else None

    def key_term_text(value: Any) -> str | None:
        if isinstance(value, dict):
            group = value.get("any_of")
            first = group[0] if isinstance(group, list) and group else None
            value = value.get("term") or value.get("label") or first
        return term_identity(value) if isinstance(value, str) else None

    groups: list[tuple[Path_, list[str | None], str]] = []
    questions = data.get("questions")
    if isinstance(questions, list):
        dicts = [q if isinstance(q, dict) else {} for q in questions]
        ids = [text(q.get("id")) for q in dicts]
        groups.append((("questions",), ids, "duplicate question id {!r}"))
        for index, question in enumerate(dicts):
            terms = question.get("key_terms")
            if isinstance(terms, list):
                keys = [key_term_text(term) for term in terms]
                path = ("questions", index, "key_terms")
                groups.append((path, keys, "key term {!r} is listed twice"))
    already = {(problem.line, problem.column) for problem in known}
    found = []
    for path, keys, label in groups:
        for index, first in find_duplicates(keys):
            line, column = positions.value((*path, index))
            if (line, column) not in already:
                reason = f"{label.format(keys[index])} (first as item {first})"
                found.append(PackProblem(line, column, format_field((*path, index)), reason))
    return found


def parse_pack_text(text: str, file: str = "<pack>") -> Pack:
    """Parse and validate pack YAML; raise PackInvalid listing every problem found."""
    problems: list[PackProblem] = []
    try:
        loader = _SafeLoader(text)
        try:  # one parse: the node tree gives positions, and is then constructed
            node = loader.get_single_node()
            if node is not None:
                _refuse_alias_bombs(node, file)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = f"not valid YAML: {error.problem or error.context}"
        raise PackInvalid([PackProblem(line, column, "pack", reason, file)]) from None
    except yaml.YAMLError as error:
        raise PackInvalid([PackProblem(0, 0, "pack", f"not valid YAML: {error}", file)]) from None
    if node is None or not isinstance(data, dict):
        line, column = _mark(node) if node is not None else (1, 1)
        found = "an empty file" if node is None else f"a {type(data).__name__}"
        reason = f"the top level must be a mapping with id, title and questions; found {found}"
        raise PackInvalid([PackProblem(line, column, "pack", reason, file)])
    positions = _Positions()
    _walk(node, (), positions, problems)
    try:
        pack = Pack.model_validate(data)
    except ValidationError as error:
        problems.extend(_problem_from_error(e, positions) for e in error.errors())
        problems.extend(_raw_duplicates(data, positions, problems))
        pack = None
    if problems or pack is None:
        raise PackInvalid([_with_file(problem, file) for problem in problems])
    return pack


def _with_file(problem: PackProblem, file: str) -> PackProblem:
    return PackProblem(problem.line, problem.column, problem.field, problem.reason, file)


def read_text_file(path: Path, max_bytes: int = MAX_PACK_BYTES) -> str:
    """Read a UTF-8 text file (a BOM is allowed), with one-line errors."""
    raw = read_limited(path, max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PackInvalid(
            [PackProblem(line, 0, "pack", "file is not UTF-8 text", str(path))]
        ) from None


def load_pack_json(path: Path) -> Pack:
    """Load a pack stored as JSON by the library (no line numbers: it is machine-written)."""
    try:
        return Pack.model_validate_json(read_text_file(path))
    except ValidationError as error:
        problems = [_problem_from_error(e, _Positions()) for e in error.errors()]
        raise PackInvalid([_with_file(problem, str(path)) for problem in problems]) from None


def load_pack(path: Path) -> Pack:
    """Load and validate one pack file; raise PackInvalid or UserError."""
    return parse_pack_text(read_text_file(path), str(path))


# --- writing ------------------------------------------------------------------


class _PackDumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Block-style YAML with multi-line strings as `|` literals."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_PackDumper.add_representer(str, _represent_str)


def _compact(model: BaseModel) -> Any:
    """A model as plain data, leaving out empty optional fields."""
    data: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None or value == [] or value is False:
            continue
        data[name] = _plain(value)
    if isinstance(model, KeyTerm) and list(data) == ["term"]:
        return model.term
    if isinstance(model, Mistake) and not model.triggers:
        return model.text
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _compact(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _dump(model: BaseModel) -> str:
    return yaml.dump(
        _compact(model),
        Dumper=_PackDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def dump_pack(pack: Pack) -> str:
    """Serialise a pack to YAML that loads back to an equal pack."""
    return _dump(pack)


def dump_question(question: Question) -> str:
    """Serialise one question to YAML (a mapping, as it appears in a pack's `questions`)."""
    return _dump(question)
