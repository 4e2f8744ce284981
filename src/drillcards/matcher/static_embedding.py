"""WordLlama's `l2_supercat` static embeddings, read from the files in its wheel without
importing the `wordllama` package (which takes 0.3 s to import, numpy, pydantic and
requests among it, and 0.1 s more to build its tokenizer).

`StaticEmbedding.embed(text)` gives what `WordLlama.load().embed(text, norm=True)[0]`
gives, as a tuple of floats (computed in double precision, so within 1e-6 of
wordllama's float32 vector):

- Tokens: the Llama 2 BPE tokenizer of `l2_supercat_tokenizer_config.json`. The
  special tokens `<unk>`, `<s>` and `</s>` are matched in the raw text first; every
  other piece gets "▁" prepended and its spaces replaced by "▁", then is split by BPE
  with byte fallback (a character outside the vocabulary becomes its UTF-8 bytes,
  `<0xE2>`…). The file's merges are exactly the pairs of tokens that join into a token,
  ranked by the joined token's id, then the left token's id, with the merges of runs
  of "▁" last, so the rank comes from the vocabulary alone (no 61,249 merges to load).
  No token has a "▁" after another character, so a merge never crosses the start of
  a "▁"-led word, and each word is split on its own (and cached).
- Vector: the mean of the tokens' rows of the float16 table
  `weights/l2_supercat_256.safetensors` (mapped into memory, rows read as needed),
  scaled to unit length.
"""

import json
import mmap
import re
import struct
from functools import lru_cache
from pathlib import Path

from drillcards.cache_files import cache_path, write_cache
from drillcards.files import package_folder

CONFIG = "l2_supercat"
DIMENSIONS = 256
WORD_START = "▁"
"""SentencePiece's mark of a space, which starts a word."""
_SPECIAL_TOKENS = re.compile(r"<unk>|<s>|</s>")
_WORDS = re.compile(f"{WORD_START}+[^{WORD_START}]*")


class StaticEmbedding:
    """Token embeddings of one WordLlama model: a vocabulary and a table of rows."""

    def __init__(self, vocabulary: dict[str, int], table: "Float16Table") -> None:
        self.vocabulary = vocabulary
        self.table = table
        self._word_ids = lru_cache(maxsize=65536)(self._bpe)

    @classmethod
    def load(cls, folder: Path | None = None) -> "StaticEmbedding":
        """The model from wordllama's folder; OSError or ValueError if it is unusable."""
        weights, tokenizer = model_files(folder)
        table = Float16Table(weights)
        vocabulary = _vocabulary(tokenizer, table.count)
        if table.count != len(vocabulary):
            raise ValueError("the weights do not match the vocabulary")
        return cls(vocabulary, table)

    def token_ids(self, text: str) -> list[int]:
        """The token ids of `text`, as wordllama's tokenizer gives them (no `<s>` added)."""
        ids: list[int] = []
        start = 0
        for special in _SPECIAL_TOKENS.finditer(text):
            ids += self._piece_ids(text[start : special.start()])
            ids.append(self.vocabulary[special.group()])
            start = special.end()
        ids += self._piece_ids(text[start:])
        return ids

    def embed(self, text: str) -> tuple[float, ...]:
        """The unit vector of `text`: the mean of its tokens' rows, normalised."""
        last = self.table.count - 1
        rows = [self.table.row(min(i, last)) for i in self.token_ids(text)]
        totals = [sum(column) for column in zip(*rows, strict=True)]
        length = sum(value * value for value in totals) ** 0.5
        if not length:
            return tuple(totals)
        return tuple(value / length for value in totals)

    def _piece_ids(self, piece: str) -> list[int]:
        if not piece:
            return []
        normalised = WORD_START + piece.replace(" ", WORD_START)
        ids: list[int] = []
        for word in _WORDS.findall(normalised):
            ids += self._word_ids(word)
        return ids

    def _bpe(self, word: str) -> tuple[int, ...]:
        """Byte-pair merges of one word, lowest rank first (leftmost among equals)."""
        vocabulary = self.vocabulary
        symbols: list[str] = []
        for character in word:
            if character in vocabulary:
                symbols.append(character)
            else:
                symbols += [f"<0x{byte:02X}>" for byte in character.encode("utf-8")]
        while len(symbols) > 1:
            best: tuple[bool, int, int] | None = None
            at = 0
            for index in range(len(symbols) - 1):
                joined = symbols[index] + symbols[index + 1]
                joined_id = vocabulary.get(joined)
                if joined_id is None:
                    continue
                rank = (not joined.strip(WORD_START), joined_id, vocabulary[symbols[index]])
                if best is None or rank < best:
                    best, at = rank, index
            if best is None:
                break
            symbols[at : at + 2] = [symbols[at] + symbols[at + 1]]
        return tuple(vocabulary[symbol] for symbol in symbols)


def model_files(folder: Path | None = None) -> tuple[Path, Path]:
    """The model's weights and tokenizer files, in `folder` (by default wordllama's);
    FileNotFoundError when wordllama is not installed."""
    folder = folder or package_folder("wordllama")
    weights = folder / "weights" / f"{CONFIG}_{DIMENSIONS}.safetensors"
    return weights, folder / "tokenizers" / f"{CONFIG}_tokenizer_config.json"


def _vocabulary(tokenizer: Path, count: int) -> dict[str, int]:
    """The tokenizer's vocabulary (token -> id). Decoding its 1.8 MB of JSON takes
    15-30 ms, so the tokens, in id order and one a line (no token holds a line break),
    are cached (see `cache_files`) and read back in a few milliseconds; a cache without
    `count` different tokens is ignored."""
    status = tokenizer.stat()
    cache = cache_path(f"{CONFIG}-vocabulary-{status.st_size}-{status.st_mtime_ns}.txt")
    if cache is not None:
        try:
            tokens = cache.read_bytes().decode("utf-8").split("\n")
            cached = dict(zip(tokens, range(len(tokens)), strict=True))  # 1.5x a dictcomp
            if len(cached) == count:
                return cached
        except (OSError, ValueError):
            pass
    vocabulary: dict[str, int] = json.loads(tokenizer.read_bytes())["model"]["vocab"]
    tokens = list(vocabulary)
    if [vocabulary[token] for token in tokens] != list(range(len(tokens))) or any(
        "\n" in token for token in tokens
    ):
        return vocabulary  # not the layout the cache keeps: used as it is, uncached
    if cache is not None:
        write_cache(cache, "\n".join(tokens).encode("utf-8"))
    return vocabulary


class Float16Table:
    """The `embedding.weight` tensor of a safetensors file (float16, little-endian),
    mapped into memory: a row is decoded only when asked for."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as stream:
            self._mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        header_size = int.from_bytes(self._mapped[:8], "little")
        tensor = json.loads(self._mapped[8 : 8 + header_size])["embedding.weight"]
        count, width = tensor["shape"]
        start, end = (8 + header_size + offset for offset in tensor["data_offsets"])
        if tensor["dtype"] != "F16" or end - start != count * width * 2 or end > len(self._mapped):
            raise ValueError(f"{path}: not a float16 table")
        self.count = count
        """The number of rows (one per token id)."""
        self._start = start
        self._row = struct.Struct(f"<{width}e")

    def row(self, index: int) -> tuple[float, ...]:
        """The values of one row."""
        return self._row.unpack_from(self._mapped, self._start + index * self._row.size)
