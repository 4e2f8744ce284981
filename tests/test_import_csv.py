"""The CSV/TSV importer: Anki's text format and plain tables with a header row."""

import multiprocessing
from pathlib import Path

import pytest

from drillcards.errors import UserError
from drillcards.importers import csv_text
from drillcards.importers import forked as two_processes
from drillcards.importers.csv_text import import_csv, parse_csv_text
from drillcards.importers.notes import cloze_prompt_and_answers

DATA = Path(__file__).parent / "data" / "import"


def test_plain_csv_with_header_row_quoted_fields_and_key_terms():
    pack = import_csv(DATA / "system-design.csv").pack
    assert pack.id == "system-design"
    assert pack.title == "System Design"
    first, second, third = pack.questions
    assert first.id == "how-would-you-design-a-url-shortener"
    assert first.framework.endswith("Redirect with 301 for permanence or 302 to count clicks.")
    assert "\n" in first.framework
    assert [t.term for t in first.key_terms] == [
        "Base62",
        "Key-Value Store",
        "Cache",
        "301 Redirect",
    ]
    assert first.tags == ["system-design", "storage"]
    assert second.tags == ["system-design"]
    assert third.tags == ["api", "reliability"]


def test_tsv_with_question_answer_category_header():
    pack = import_csv(DATA / "behavioral.tsv").pack
    assert [q.category for q in pack.questions] == ["behavioral", "behavioral"]
    assert pack.questions[0].prompt == "Tell me about a conflict with a colleague."


def test_anki_headers_semicolon_html_deck_and_tags():
    imported = import_csv(DATA / "anki-semicolon.txt")
    pack = imported.pack
    assert pack.title == "Networking Basics"
    first, second, third = pack.questions
    assert first.prompt == "What happens when you type a URL and press Enter?"
    assert first.framework == (
        "DNS lookup, TCP handshake, TLS handshake, HTTP request.\n"
        "Then the browser parses & renders the response."
    )
    assert first.tags == ["networking", "web", "dns"]
    assert second.framework == (
        "• TCP: connection-oriented, ordered, reliable\n"
        "• UDP: connectionless, no delivery guarantee"
    )
    assert third.framework == "443 (TCP)"
    assert third.tags == ["networking"]


def test_anki_notes_export_with_guid_notetype_deck_and_tags_columns():
    """One question per card of Anki's stock note types, as with .apkg packages."""
    imported = import_csv(DATA / "anki-interview-deck.txt")
    pack = imported.pack
    assert pack.title == "Interview Prep / Backend"
    cap, caches, caches_reversed, kafka1, kafka2, kafka3 = pack.questions
    assert all(q.id.startswith("anki-") for q in pack.questions)
    assert cap.prompt == "What does the CAP theorem say?"
    assert cap.framework.endswith("choose C or A — not both.")
    listed = ["• TTL expiry", "• Write-through", "• Event-driven (pub/sub) invalidation"]
    assert caches.framework.splitlines() == listed
    assert caches_reversed.prompt.splitlines() == listed
    assert caches_reversed.framework == "Name three cache invalidation strategies"
    assert caches_reversed.id == f"{caches.id}-card2"
    assert [q.prompt for q in (kafka1, kafka2, kafka3)] == [
        "[...] stores events in an append-only log split into partitions.",
        "Kafka stores events in an append-only [...] split into partitions.",
        "Kafka stores events in an append-only log split into [...].",
    ]
    assert [[t.term for t in q.key_terms] for q in (kafka1, kafka2, kafka3)] == [
        ["Kafka"],
        ["log"],
        ["partitions"],
    ]
    assert [kafka2.id, kafka3.id] == [f"{kafka1.id}-c2", f"{kafka1.id}-c3"]
    assert kafka1.framework.startswith("Kafka stores events in an append-only log")
    assert kafka3.tags == ["kafka", "messaging"]
    assert any("images or sounds were left out" in w for w in imported.warnings)


def test_guid_ids_are_stable_when_the_text_changes(tmp_path):
    header = "#separator:Tab\n#guid column:1\n"
    before = parse_csv_text(header + "Xy7+/aB\tOld wording?\tanswer\n", tmp_path / "d.txt").pack
    after = parse_csv_text(header + "Xy7+/aB\tNew wording?\tanswer\n", tmp_path / "d.txt").pack
    assert before.questions[0].id == after.questions[0].id
    other = parse_csv_text(header + "xy7+/ab\tOld wording?\tanswer\n", tmp_path / "d.txt").pack
    assert other.questions[0].id != before.questions[0].id  # GUIDs are case-sensitive


@pytest.mark.parametrize(
    ("separator", "line"),
    [
        ("Comma", "What is a mutex?,A lock one thread holds at a time"),
        ("Pipe", "What is a mutex?|A lock one thread holds at a time"),
        ("Tab", "What is a mutex?\tA lock one thread holds at a time"),
        ("Colon", "What is a mutex?:A lock one thread holds at a time"),
        ("~", "What is a mutex?~A lock one thread holds at a time"),
    ],
)
def test_anki_separators(tmp_path, separator, line):
    text = f"#separator:{separator}\n#html:false\n{line}\n"
    question = parse_csv_text(text, tmp_path / "s.txt").pack.questions[0]
    assert (question.prompt, question.framework) == (
        "What is a mutex?",
        "A lock one thread holds at a time",
    )


def test_columns_header_names_the_fields(tmp_path):
    text = (
        "#separator:tab\n#columns:Tags\tBack\tFront\tKey Terms\n"
        "ops\tRoll back first, investigate later.\tFirst step in an outage?\tRollback; Triage\n"
    )
    question = parse_csv_text(text, tmp_path / "c.txt").pack.questions[0]
    assert question.prompt == "First step in an outage?"
    assert question.framework == "Roll back first, investigate later."
    assert [t.term for t in question.key_terms] == ["Rollback", "Triage"]
    assert question.tags == ["ops"]


def test_rows_of_different_widths_and_global_tags(tmp_path):
    text = (
        "#separator:tab\n#html:false\n#tags:imported\n#tags column:3\n"
        "#columns:Front\tBack\tTags\tExtra\n"
        "Short row?\tOnly an answer\n"
        "Long row?\tAnswer\tdb; sql\tMore detail"  # (no line break at the end)
    )
    short, long = parse_csv_text(text, tmp_path / "widths.txt").pack.questions
    assert (short.prompt, short.framework, short.tags) == (
        "Short row?",
        "Only an answer",
        ["imported"],
    )
    assert (long.prompt, long.framework, long.tags) == (
        "Long row?",
        "Answer\n\nMore detail",
        ["imported", "db", "sql"],
    )


def test_several_decks_become_categories(tmp_path):
    text = (
        "#separator:tab\n#deck column:1\n"
        "Prep::Frontend\tWhat is the DOM?\tThe document's object tree\n"
        "Prep::Backend\tWhat is a WAL?\tA write-ahead log\n"
    )
    pack = parse_csv_text(text, tmp_path / "decks.txt").pack
    assert [q.category for q in pack.questions] == ["Frontend", "Backend"]


def test_headerless_csv_reads_first_column_as_prompt(tmp_path):
    text = '"What is CORS?","A browser policy for cross-origin requests","extra notes"\n'
    question = parse_csv_text(text, tmp_path / "plain.csv").pack.questions[0]
    assert question.prompt == "What is CORS?"
    assert question.framework == "A browser policy for cross-origin requests\n\nextra notes"


def test_rows_without_a_prompt_are_skipped_with_a_warning(tmp_path):
    imported = parse_csv_text(
        "prompt,answer\n,orphan answer\nReal question?,yes\n", tmp_path / "gaps.csv"
    )
    assert [q.prompt for q in imported.pack.questions] == ["Real question?"]
    assert any("row 1" in w and "skipped" in w for w in imported.warnings)


def test_bad_separator_and_empty_files_are_errors(tmp_path):
    with pytest.raises(UserError, match="unknown separator"):
        parse_csv_text("#separator:Pipes\na|b\n", tmp_path / "x.txt")
    with pytest.raises(UserError, match="no questions found"):
        parse_csv_text("#separator:tab\n#html:true\n", tmp_path / "empty.txt")
    with pytest.raises(UserError, match="no questions found"):
        parse_csv_text("#separator:tab\n#html:true", tmp_path / "empty.txt")
    with pytest.raises(UserError, match="column numbers start at 1"):
        parse_csv_text("#separator:tab\n#tags column:0\na\tb\n", tmp_path / "x.txt")


def test_progress_is_reported(tmp_path):
    rows = "".join(f"Question {n}?\tAnswer {n}\n" for n in range(2500))
    calls = []
    parse_csv_text("#separator:tab\n" + rows, tmp_path / "big.txt", lambda d, t: calls.append(d))
    assert calls == [1000, 2000, 2500]


def test_cloze_deletions_with_hints_and_stray_braces():
    assert cloze_prompt_and_answers("{{c1::Kafka::a log}} keeps {{c2::order}} per {{c1::x}") == (
        "[...] keeps [...] per {{c1::x}",
        "Kafka keeps order per {{c1::x}",
        ["Kafka", "order"],
    )


def test_hostile_cloze_text_takes_linear_time():
    """Deletions opened by the hundred thousand: the pattern once backtracked over them for
    minutes (12 KB took three); they end at the first "}}", and none after the last."""
    opened = "{{c1::" * 100_000
    assert cloze_prompt_and_answers(opened) == (opened, opened, [])
    assert cloze_prompt_and_answers(opened + "}}") == ("[...]", "{{c1", ["{{c1"])


def test_a_header_with_other_names_is_a_header_and_the_prompt_column_is_named(tmp_path):
    text = (
        "Question\tSource\nTell me about yourself.\thttps://example.com/a\n"
        "Why this job?\thttps://example.com/b\n"
    )
    imported = parse_csv_text(text, tmp_path / "questions.tsv")
    assert [q.prompt for q in imported.pack.questions] == [
        "Tell me about yourself.",
        "Why this job?",
    ]
    assert imported.warnings == [
        "questions.tsv: header row read: column 'Question' became the prompt; "
        "'Source' went into the answer"
    ]


def test_a_header_of_unknown_names_is_recognised_by_its_short_labels(tmp_path):
    text = (
        "Concept,Meaning\n"
        "Idempotency,An operation that gives the same result when repeated any number of times\n"
        "Backpressure,A consumer signalling a producer to slow down when it cannot keep up\n"
    )
    imported = parse_csv_text(text, tmp_path / "glossary.csv")
    assert [q.prompt for q in imported.pack.questions] == ["Idempotency", "Backpressure"]
    assert "column 'Concept' became the prompt" in imported.warnings[0]


def test_a_first_data_row_is_not_taken_for_a_header(tmp_path):
    text = "What is a CDN?,A network of edge caches.\nWhat is DNS?,Name resolution.\n"
    imported = parse_csv_text(text, tmp_path / "plain.csv")
    assert len(imported.pack.questions) == 2
    assert imported.warnings == []


def test_topic_column_is_the_category_and_question_column_the_prompt(tmp_path):
    text = "topic,answer,question\nSQL,A unique row identifier.,What is a primary key?\n"
    imported = parse_csv_text(text, tmp_path / "cards.csv")
    (question,) = imported.pack.questions
    assert (question.prompt, question.framework, question.category) == (
        "What is a primary key?",
        "A unique row identifier.",
        "SQL",
    )
    assert (
        "column 'question' became the prompt; 'answer' went into the answer"
        in (imported.warnings[0])
    )


def test_image_only_fronts_and_backs_in_anki_text_are_named_per_row(tmp_path):
    text = (
        "#separator:tab\n#html:true\n"
        '<img src="a.png">\tThe answer\n'
        'What is shown here?\t<img src="b.png">\n'
    )
    imported = parse_csv_text(text, tmp_path / "pictures.txt")
    assert [q.prompt for q in imported.pack.questions] == ["What is shown here?"]
    assert any(
        "row 1: skipped: the front is only an image or sound" in w for w in imported.warnings
    )
    assert any("row 2: the answer is only an image or sound" in w for w in imported.warnings)


def _rows_text(count: int, bad_row: int | None = None) -> str:
    rows = [f"Question {n}?\t<b>Answer</b> {n}<img src='x.png'>\ttag{n % 3}" for n in range(count)]
    if bad_row is not None:
        rows[bad_row] = "\x07\tanswer\t"
    return "#separator:tab\n#html:true\n#tags column:3\n" + "\n".join(rows) + "\n"


def test_a_large_file_converted_by_two_processes_gives_the_same_pack(monkeypatch, tmp_path):
    text = _rows_text(3500)
    alone = parse_csv_text(text, tmp_path / "big.txt")
    monkeypatch.setattr(csv_text, "FORK_ROWS", 1)
    calls = []
    forked = parse_csv_text(text, tmp_path / "big.txt", lambda done, _: calls.append(done))
    assert forked.built == alone.built and forked.warnings == alone.warnings
    assert calls == [1000, 2000, 3000, 3500]


@pytest.mark.skipif(not Path("/proc/sys/fs/pipe-max-size").exists(), reason="Linux pipes")
def test_the_helpers_pipe_holds_several_results() -> None:
    """A batch's result (~360 KB) fits in the pipe, so the helper need not wait, half
    sent, until this process has converted its own batch."""
    import fcntl

    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    two_processes._widen(sending)
    limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    size = fcntl.fcntl(sending.fileno(), fcntl.F_GETPIPE_SZ)
    assert size >= min(two_processes.PIPE_BYTES, limit)
    receiving.close()
    sending.close()


@pytest.mark.parametrize("count", [999, 1000, 2000, 2500])
def test_the_helper_reads_its_own_copy_of_the_rows_whatever_their_number(
    monkeypatch, tmp_path, count
):
    text = _rows_text(count)
    alone = parse_csv_text(text, tmp_path / "big.txt")
    monkeypatch.setattr(csv_text, "FORK_ROWS", 1)
    forked = parse_csv_text(text, tmp_path / "big.txt")
    assert forked.built == alone.built and forked.warnings == alone.warnings
    assert len(forked.built.question_ids) == count


def test_an_invalid_question_found_by_the_helper_process_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(csv_text, "FORK_ROWS", 1)
    with pytest.raises(UserError, match=r"questions\[1499\]\.prompt: must not be empty"):
        parse_csv_text(_rows_text(2500, bad_row=1499), tmp_path / "big.txt")


def test_an_invalid_question_in_this_process_leaves_no_helper_behind(monkeypatch, tmp_path):
    monkeypatch.setattr(csv_text, "FORK_ROWS", 1)
    with pytest.raises(UserError, match=r"questions\[2499\]\.prompt: must not be empty"):
        parse_csv_text(_rows_text(6500, bad_row=2499), tmp_path / "big.txt")
    assert multiprocessing.active_children() == []
