"""The Markdown importer, on files in the style of the popular GitHub collections."""

from pathlib import Path

import pytest

from drillcards.errors import UserError
from drillcards.importers.markdown import import_markdown, parse_markdown

DATA = Path(__file__).parent / "data" / "import"


def test_numbered_list_headings_with_toc_badges_and_back_to_top_links():
    imported = import_markdown(DATA / "react-style-questions.md")
    pack = imported.pack
    assert pack.id == "react-style-questions"
    assert pack.title == "React Interview Questions & Answers"
    assert pack.description == (
        "Practice answers for the React questions that come up most in front-end interviews."
    )
    assert [q.prompt for q in pack.questions] == [
        "What is React?",
        "What is the virtual DOM?",
        "What are the rules of hooks?",
        "Why does `useEffect` run twice in development?",
    ]
    assert [q.category for q in pack.questions] == ["Core React", "Core React", "Hooks", "Hooks"]
    text = pack.model_dump_json()
    for dropped in (
        "Back to Top",
        "shields.io",
        "Table of Contents",
        "eslint plugin",
        "npm run toc",
    ):
        assert dropped not in text
    assert imported.warnings == []


def test_fenced_code_is_kept_verbatim():
    pack = import_markdown(DATA / "react-style-questions.md").pack
    assert pack.questions[0].framework.endswith(
        "```jsx\nfunction Greeting({ name }) {\n  return <h1>Hello, {name}</h1>;\n}\n```"
    )
    effect = pack.questions[3].framework
    assert "    const id = setInterval(tick, 1000);" not in effect  # dedented with its item
    assert "  const id = setInterval(tick, 1000);" in effect
    assert "// cleanup keeps the double run harmless" in effect


def test_handbook_style_headings_with_link_list_toc_and_front_matter():
    pack = import_markdown(DATA / "handbook-style-css.md").pack
    assert pack.title == "CSS Questions"
    assert len(pack.questions) == 3
    specificity = pack.questions[0]
    assert specificity.prompt == "What is CSS selector specificity and how does it work?"
    assert "1. `a` is 1 for inline styles, else 0." in specificity.framework
    assert "References" in specificity.framework
    assert "Back to top" not in pack.model_dump_json()
    assert pack.questions[2].framework.endswith(
        "```css\n.clearfix {\n  display: flow-root; /* the modern way to contain floats */\n}\n```"
    )


def test_details_answers_and_code_in_the_prompt():
    pack = import_markdown(DATA / "output-quiz.md").pack
    first, second = pack.questions
    assert first.prompt.startswith("What's the output?\n\n```javascript\nfor (var i = 0;")
    assert "- B: `3 3 3`" in first.prompt
    assert first.framework.startswith("Answer: B\n\n`var` is function-scoped")
    assert "<details>" not in first.framework and "<p>" not in first.framework
    assert second.framework.endswith('fixed — `null` reports `"object"`.')
    assert first.category is None


def test_bold_question_lines():
    pack = import_markdown(DATA / "bold-questions.md").pack
    assert [(q.prompt, q.category) for q in pack.questions] == [
        ("What is the GIL?", "Language"),
        ("What is the difference between a list and a tuple?", "Language"),
        ("How would you make an endpoint idempotent?", "Web"),
    ]
    assert pack.questions[2].framework.startswith("Accept a client-supplied idempotency key")


def test_question_lists_without_answers():
    imported = import_markdown(DATA / "question-list.md")
    pack = imported.pack
    assert len(pack.questions) == 6
    assert pack.questions[0].category == "Questions about Databases"
    assert pack.questions[4].framework == "Think about retries, crashes and network partitions."
    assert pack.questions[5].framework is None
    assert imported.warnings == ["question-list.md: 5 of 6 questions have no answer text"]


def test_html_comments_and_unnumbered_level_two_questions(tmp_path):
    text = (
        "# Go Questions\n\n<!-- draft: add generics -->\n\n"
        "## What is a goroutine?\n\nA lightweight thread managed by the Go runtime.\n\n"
        "## Explain channels\n\nTyped pipes between goroutines.\n<!--\nmulti-line\ncomment\n-->\n"
    )
    pack = parse_markdown(text, tmp_path / "go.md").pack
    assert [q.id for q in pack.questions] == ["what-is-a-goroutine", "explain-channels"]
    assert pack.questions[1].framework == "Typed pipes between goroutines."


def test_same_prompt_twice_gets_unique_ids(tmp_path):
    text = "# T\n\n## What is X?\n\none\n\n## What is X?\n\ntwo\n"
    pack = parse_markdown(text, tmp_path / "dup.md").pack
    assert [q.id for q in pack.questions] == ["what-is-x", "what-is-x-2"]


def test_readme_takes_its_id_from_the_title(tmp_path):
    pack = parse_markdown(
        "# SQL Interview Questions\n\n## What is a join?\n\nx\n", tmp_path / "README.md"
    ).pack
    assert pack.id == "sql-interview-questions"


def test_no_questions_is_an_error(tmp_path):
    with pytest.raises(UserError, match="no questions found"):
        parse_markdown("# Notes\n\nJust prose.\n", tmp_path / "notes.md")


def test_numbered_list_questions_with_indented_answers(tmp_path):
    text = (
        "# Java Questions\n\n1. What is the JVM?\n   The Java Virtual Machine runs bytecode.\n\n"
        '   ```java\n   System.out.println("hi");\n   ```\n'
        "2. What is garbage collection?\n   Automatic memory reclamation.\n"
    )
    pack = parse_markdown(text, tmp_path / "java.md").pack
    assert [(q.prompt, q.framework) for q in pack.questions] == [
        (
            "What is the JVM?",
            'The Java Virtual Machine runs bytecode.\n\n```java\nSystem.out.println("hi");\n```',
        ),
        ("What is garbage collection?", "Automatic memory reclamation."),
    ]


def test_q_and_a_labels(tmp_path):
    text = (
        "# Quick Quiz\n\n**Q: What is a closure?**\n\nA: A function with its captured "
        "variables.\n\n**Q: What is hoisting?**\n\n**A:** Declarations move up.\n"
    )
    pack = parse_markdown(text, tmp_path / "quiz.md").pack
    assert [(q.prompt, q.framework) for q in pack.questions] == [
        ("What is a closure?", "A function with its captured variables."),
        ("What is hoisting?", "Declarations move up."),
    ]
