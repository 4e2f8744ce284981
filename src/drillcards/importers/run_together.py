"""Splitting lists whose items were run together when a page was scraped.

A scraped page often loses the markup between list items, so "Key Terminology" reads
"MonolithMicroservicesStrangler Fig PatternAPI GatewayBounded Context". The items are
found again at boundaries a list item can end on:

* strong ones, always taken (outside parentheses): a closing parenthesis followed by
  a letter or digit, a sentence end followed by a capitalised word, a closing quote
  followed by a capitalised word;
* case boundaries, taken unless a known word spans them: a lower-case letter followed
  by a capital ("Gateway|Bounded"), the end of an acronym before a capitalised word
  ("CDN|Kafka", "gRPC|Apache", "CI/CD|DevOps": split before the acronym's last
  capital), a digit followed by a capitalised word ("Top 10|Supply");
* the edges of known words where nothing else marks them ("RabbitMQ|CAP Theorem");
* the start of an item spelt in lower case ("axe-core", "kubectl rollout undo") glued to
  the word before it, when the page's prose has both words on their own and never the
  two glued together ("Semantic HTML|axe-core", "ConfigMap|kubectl", "Emotion|vanilla-
  extract"), and the word before is a known name or the item is code-like;
* in a list of sentences, a sentence end after an acronym ("before ARIA.|Keyboard").

Known words are CamelCase names, acronyms and words mixing letters and digits
("WebSockets", "gRPC", "OAuth2", "CAP") seen intact elsewhere on the same page, plus a
small list of common technical names. A known word that starts in lower case ("eBPF")
does not take the last letter of a word the prose knows ("Pixie|BPF", not "Pixi|eBPF").
Nothing inside parentheses is ever split.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

# Common names whose inner capitals are not item boundaries. The page's own vocabulary
# adds to these, so this list only needs the names a page may never spell out in prose.
TECH_NAMES: frozenset[str] = frozenset(
    """
    JavaScript TypeScript CoffeeScript ActionScript GraphQL PostgreSQL MySQL NoSQL SQLite
    MongoDB DynamoDB CockroachDB CouchDB RethinkDB InfluxDB TimescaleDB MariaDB FaunaDB
    ArangoDB LevelDB RocksDB DocumentDB CosmosDB ClickHouse BigQuery BigTable HBase
    WebSocket WebSockets WebRTC WebAssembly WebGL WebAuthn WebFlux WebKit WebPageTest OAuth
    OAuth2 OpenID OpenAPI OpenTelemetry OpenShift OpenStack OpenSearch OpenAI OpenCV iPhone
    iPad iOS macOS tvOS watchOS iCloud eBay gRPC tRPC mTLS DevOps DevSecOps MLOps GitOps
    FinOps DataOps SecOps ChatOps DevTools DevEx GitHub GitLab BitBucket LinkedIn YouTube
    PayPal PowerPoint PowerShell SharePoint PowerBI JetBrains IntelliJ PyCharm WebStorm
    PhpStorm VSCode ReSharper NestJS NextJS NuxtJS NodeJS VueJS ReactJS AngularJS EmberJS
    RxJS ThreeJS SvelteKit TailwindCSS PostCSS TypeORM SQLAlchemy FastAPI PyTorch TensorFlow
    NumPy SciPy PySpark MapReduce CloudFormation CloudFront CloudWatch CloudTrail AppSync
    EventBridge ElastiCache SageMaker RabbitMQ ActiveMQ ZeroMQ ZooKeeper HashiCorp HashMap
    HashSet ArrayList LinkedList TreeMap ConcurrentHashMap StringBuilder JUnit TestNG NUnit
    xUnit PHPUnit JMeter SonarQube PagerDuty AppDynamics NewRelic WordPress WooCommerce
    BigCommerce ServiceNow HubSpot MailChimp SendGrid QuickSort MergeSort HeapSort
    McDonald's McKinsey MacBook PlayStation FaceTime WhatsApp TikTok DeepMind ChatGPT
    LangChain LlamaIndex HuggingFace KubeFlow DotNet JavaFX SwiftUI UIKit AppKit CoreData
    FlatBuffers ProtoBuf DataFrame DataFrames VirtualBox VMware vSphere vCPU vCenter PhD
    LaTeX MATLAB IPv4 IPv6 JWTs APIs URLs SDKs
    """.split()  # noqa: SIM905 (a word list reads best as words)
)

# Acronym endings of product names ("NestJS", "MongoDB", "GraphQL", "RabbitMQ").
_NAME_SUFFIXES = ("JS", "DB", "QL", "SQL", "MQ")

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9']*[A-Za-z0-9]|[A-Za-z0-9]")
# Prose words with their inner hyphens and dots: "axe-core", "vanilla-extract", "Next.js".
_PROSE_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'.-]*[A-Za-z0-9])?")
_CODE_LIKE = re.compile(r"[-.\d]")
_LOWER_RUN = re.compile(r"[a-z][a-z0-9.'-]*")
_MIN_LOWER_ITEM = 3
"""Shorter lower-case tails are endings ("APIs", "UUIDv4", "IPv6"), not items."""
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9]s?$")


@dataclass(frozen=True)
class Vocabulary:
    """Distinctive words known to be whole (CamelCase names, acronyms, letter-digit words),
    and every word of the page's prose as written (for evidence where case cannot tell)."""

    words: frozenset[str]
    prose_words: frozenset[str] = frozenset()

    @cached_property
    def prose_lower(self) -> frozenset[str]:
        """The prose words in lower case."""
        return frozenset(word.lower() for word in self.prose_words)

    @cached_property
    def by_prefix(self) -> dict[str, tuple[str, ...]]:
        """The words by their first two characters, longest first (for fast lookup)."""
        index: dict[str, list[str]] = {}
        for word in sorted(self.words, key=len, reverse=True):
            index.setdefault(word[:2], []).append(word)
        return {prefix: tuple(words) for prefix, words in index.items()}


def is_distinctive(word: str) -> bool:
    """True for words whose spelling marks them as one name: "WebSockets", "CDN", "OAuth2"."""
    if len(word) < 2 or word.islower() or (word.isalpha() and word.istitle()):
        return False  # "kafka", "Pattern": most words, ruled out cheaply
    if _ACRONYM.match(word) and sum(ch.isupper() for ch in word) >= 2:
        return True
    if any(ch.isdigit() for ch in word) and any(ch.isupper() for ch in word):
        return True  # "OAuth2", "UUIDv4", "EC2", "K8s"
    return bool(_weak_points(word, 0))


def build_vocabulary(texts: Iterable[str]) -> Vocabulary:
    """The distinctive words of `texts` (prose where words are delimited), plus TECH_NAMES."""
    tokens: set[str] = set()
    prose_words: set[str] = set()
    for text in texts:
        tokens.update(_TOKEN.findall(text))
        prose_words.update(_PROSE_WORD.findall(text))
    words = set(TECH_NAMES)
    for word in tokens:
        if is_distinctive(word):
            words.add(word)
            if _ACRONYM.match(word) and word.endswith("s"):
                words.add(word[:-1])  # "JWTs" also knows "JWT"
    return Vocabulary(frozenset(words), frozenset(prose_words))


def _is_lower(ch: str) -> bool:
    return ch.islower()


def _is_upper(ch: str) -> bool:
    return ch.isupper()


def _depths(text: str) -> list[int]:
    """Parenthesis depth before each position (and at the end)."""
    depth, depths = 0, []
    for ch in text:
        depths.append(depth)
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
    depths.append(depth)
    return depths


_SENTENCE_JOIN = re.compile(r"[a-z][.!?](?=[A-Z][a-z])|[a-z][.!?]$")


def _strong_points(text: str, depths: list[int]) -> set[int]:
    points = set()
    sentences = bool(_SENTENCE_JOIN.search(text))  # the items are sentences
    for i in range(1, len(text)):
        if depths[i] != 0:
            continue
        prev, ch = text[i - 1], text[i]
        following = text[i + 1] if i + 1 < len(text) else ""
        capitalised = _is_upper(ch) and (_is_lower(following) or following in "' ")
        if prev in ")]}" and ch.isalnum():
            if not text[max(i - 4, 0) : i].endswith(("(s)", "(es)")):
                points.add(i)
        elif prev in ".!?" and capitalised and i >= 2:
            before = text[i - 2]
            if _is_lower(before) or before in ")]}'\"%" or before.isdigit():
                points.add(i)
            elif sentences and _ends_acronym_word(text, i - 1):
                points.add(i)  # "Semantic HTML before ARIA.|Keyboard access …"
        elif prev in "'\"’”%" and capitalised and i >= 2 and not text[i - 2].isspace():
            points.add(i)
    return points


def _weak_points(text: str, start: int, depths: list[int] | None = None) -> set[int]:
    """Case, acronym and digit boundaries inside `text` (positions >= start + 1)."""
    points = set()
    for i in range(start + 1, len(text)):
        if depths is not None and depths[i] != 0:
            continue
        prev, ch = text[i - 1], text[i]
        following = text[i + 1] if i + 1 < len(text) else ""
        if _is_lower(prev) and _is_upper(ch):
            points.add(i)
        elif _is_upper(prev) and _is_upper(ch) and _starts_word(text, i + 1):
            # end of an acronym: at least two capitals must stay before the split
            run_start = i - 1
            while run_start > 0 and (_is_upper(text[run_start - 1]) or text[run_start - 1] == "/"):
                run_start -= 1
            if sum(_is_upper(c) for c in text[run_start:i]) >= 2 and text[i - 2] != "/":
                points.add(i)
        elif (
            prev.isdigit()
            and _is_upper(ch)
            and (_is_lower(following) or re.search(r"(?:\d\.|/)\d+$", text[max(i - 12, 0) : i]))
        ):
            points.add(i)  # "Top 10|Supply", "OAuth 2.0|JWT", "HTTP/2|HTTP/3"
        elif _is_lower(prev) and ch.isdigit() and _starts_numbered_item(text, i):
            points.add(i)
    return points


def _ends_acronym_word(text: str, end: int) -> bool:
    """True when text[:end] ends with a word of two or more capitals ("… before ARIA")."""
    start = end
    while start > 0 and _is_upper(text[start - 1]):
        start -= 1
    return end - start >= 2 and (start == 0 or text[start - 1].isspace())


def _starts_word(text: str, i: int) -> bool:
    """True when a lower-case run of 2+ letters starts at i that is not a version ("v4")."""
    end = i
    while end < len(text) and _is_lower(text[end]):
        end += 1
    if end - i < 2:
        return False  # "APIs", "UUIDv4": a plural or a version, not a new word
    return not (end - i == 2 and end < len(text) and text[end].isdigit())


def _starts_numbered_item(text: str, i: int) -> bool:
    """True for "Post-Mortem|5 Whys": a number, a space, then a capitalised word."""
    match = re.match(r"\d{1,2} [A-Z]", text[i:])
    return bool(match) and len(text[_word_start(text, i) : i]) >= 3


_LONGEST_WORD = 40
"""How far back a word start is looked for: items are short, a hostile line may not be."""


def _word_start(text: str, i: int) -> int:
    limit = max(i - _LONGEST_WORD, 0)
    while i > limit and text[i - 1].isalpha():
        i -= 1
    return i


def _protected_by_shape(text: str, i: int) -> bool:
    """True when the lower→upper boundary at i is inside a name by its shape alone."""
    if not (_is_lower(text[i - 1]) and _is_upper(text[i])):
        return False
    start = _word_start(text, i)
    head = text[start:i]
    at_word_start = start == 0 or not (text[start - 1].isalnum() or text[start - 1] == ".")
    if head.islower() and len(head) <= 2 and at_word_start:
        return True  # "iPhone", "gRPC", "mTLS", "eBay"
    end = i
    while end < len(text) and _is_upper(text[end]):
        end += 1
    run = text[i:end]
    if end < len(text) and _is_lower(text[end]):
        run = run[:-1]
    return run in _NAME_SUFFIXES


def _occurrences(
    text: str, vocabulary: Vocabulary, depths: list[int], starts: set[int]
) -> list[tuple[int, int]]:
    """Aligned occurrences of known words, longest first, none overlapping another
    (`starts`: where lower-case items start, which a known word may end at)."""
    candidates: list[tuple[int, int]] = []
    index = vocabulary.by_prefix
    for start in range(len(text) - 1):
        if depths[start] != 0:
            continue
        for word in index.get(text[start : start + 2], ()):
            end = start + len(word)
            if text.startswith(word, start) and _aligned(
                text, start, end, word, vocabulary, starts
            ):
                candidates.append((start, end))
    candidates.sort(key=lambda span: span[0] - span[1])  # longest first, then leftmost
    taken = bytearray(len(text))
    found: list[tuple[int, int]] = []
    for start, end in candidates:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            found.append((start, end))
    return found


def _aligned(
    text: str, i: int, j: int, word: str, vocabulary: Vocabulary, starts: set[int]
) -> bool:
    following = text[j] if j < len(text) else ""
    if (_is_lower(following) and j not in starts) or (following.isdigit() and word[-1].isalpha()):
        return False
    if i == 0 or not text[i - 1].isalnum():
        return True
    prev = text[i - 1]
    if _is_lower(prev) and _is_lower(word[0]):
        # "PixieBPF": "eBPF" may not take the last letter of a word the prose knows
        start = i - 1
        while start > 0 and _is_lower(text[start - 1]):
            start -= 1
        if start > 0 and _is_upper(text[start - 1]):
            start -= 1
        return any(map(_is_upper, word)) and text[start : i + 1] not in vocabulary.prose_words
    if _is_lower(prev) or prev.isdigit():
        return _is_upper(word[0]) or any(_is_upper(c) for c in word)
    # inside a run of capitals: what precedes must itself be an acronym of 2+ letters
    run_start = i
    while run_start > 0 and _is_upper(text[run_start - 1]):
        run_start -= 1
    return _is_upper(word[0]) and i - run_start >= 2


def _lower_item_starts(text: str, vocabulary: Vocabulary, depths: list[int]) -> dict[int, int]:
    """Where an item spelt in lower case starts right after a word (start of that item ->
    start of the word before it): "Semantic HTML|axe-core", "ConfigMap|kubectl rollout".

    Both words must stand alone in the prose, the two glued together never, and the word
    before must be a name the vocabulary knows ("HTML", "ConfigMap") or the lower-case item
    code-like ("vanilla-extract"): "Run|books" or "Back|pressure" are words, not two items.
    """
    if not vocabulary.prose_words:
        return {}
    starts: dict[int, int] = {}
    for run in _LOWER_RUN.finditer(text):
        end = len(run.group().rstrip("-.'")) + run.start()
        # the item runs to the end of the lower-case run: only its last letters can start it
        for i in range(max(run.start(), end - _LONGEST_WORD, 1), end - _MIN_LOWER_ITEM + 1):
            if depths[i] != 0 or not _is_lower(text[i]) or not text[i - 1].isalpha():
                continue
            item = text[i:end]
            if item not in vocabulary.prose_words:
                continue
            before = _known_word_before(text, i, vocabulary)
            word = text[before:i] if before is not None else ""
            if (
                before is not None
                and (word + item).lower() not in vocabulary.prose_lower
                and (word in vocabulary.words or _CODE_LIKE.search(item))
            ):
                starts[i] = before
            break  # the longest prose word the run ends with decides
    return starts


def _known_word_before(text: str, i: int, vocabulary: Vocabulary) -> int | None:
    """The start of the longest prose word ending at i that starts a word or a capital."""
    start = _word_start(text, i)
    for candidate in range(start, i):
        if (candidate == start or _is_upper(text[candidate])) and (
            text[candidate:i] in vocabulary.prose_words
        ):
            return candidate
    return None


def split_run_together(text: str, vocabulary: Vocabulary) -> list[str]:
    """The items of a list whose items were run together into `text`."""
    text = " ".join(text.split())
    if not text:
        return []
    depths = _depths(text)
    strong = _strong_points(text, depths)
    lower_starts = _lower_item_starts(text, vocabulary, depths)
    occurrences = _occurrences(text, vocabulary, depths, set(lower_starts))
    protected = {p for a, b in occurrences for p in range(a + 1, b)}
    protected |= {p for i, before in lower_starts.items() for p in range(before + 1, i)}
    weak = {
        p
        for p in _weak_points(text, 0, depths)
        if p not in protected and not _protected_by_shape(text, p)
    }
    weak |= set(lower_starts)
    edges = {
        p
        for a, b in occurrences
        for p in (a, b)
        if 0 < p < len(text) and text[p - 1].isalnum() and text[p].isalnum() and p not in protected
    }
    points = sorted(strong | weak | edges)
    pieces = []
    last = 0
    for point in [*points, len(text)]:
        pieces.append((text[last:point].strip(), point in strong or last in strong))
        last = point
    return _merge_fragments(pieces)


def _merge_fragments(pieces: list[tuple[str, bool]]) -> list[str]:
    """Join back single letters that a case boundary cut off ("N" of "NOAuth")."""
    items: list[str] = []
    for piece, _strong in pieces:
        if not piece:
            continue
        if items and len(piece) == 1 and piece.isalpha() and not _strong:
            items[-1] += piece
        else:
            items.append(piece)
    return items
