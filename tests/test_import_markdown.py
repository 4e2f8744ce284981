"""The Markdown importer, on files in the style of the popular GitHub collections."""

import re
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


def test_same_prompt_twice_gets_unique_ids_from_content(tmp_path):
    text = "# T\n\n## What is X?\n\none\n\n## What is X?\n\ntwo\n"
    ids = [q.id for q in parse_markdown(text, tmp_path / "dup.md").pack.questions]
    assert len(set(ids)) == 2
    assert all(re.fullmatch(r"what-is-x-[0-9a-f]{6}", qid) for qid in ids)


def _output_quiz(snippets: list[str]) -> str:
    return "# Quiz\n\n" + "".join(
        f"###### {n}. What's the output?\n\n```js\n{code}\n```\n\n"
        f"<details><summary>Answer</summary>\n\nAnswer {n}\n\n</details>\n\n"
        for n, code in enumerate(snippets, start=1)
    )


def test_repeated_prompt_ids_do_not_depend_on_position(tmp_path):
    """Removing or adding one "What's the output?" keeps the ids of the others."""
    snippets = ["a()", "b()", "c()"]
    before = parse_markdown(_output_quiz(snippets), tmp_path / "quiz.md").pack
    after = parse_markdown(_output_quiz(["new()", *snippets[1:]]), tmp_path / "quiz.md").pack
    assert before.questions[1].id == after.questions[1].id
    assert before.questions[2].id == after.questions[2].id
    assert before.questions[0].id != after.questions[0].id
    assert before.questions[0].id.startswith("what-s-the-output-")


def test_repeated_prompt_in_two_categories_is_told_apart_by_category(tmp_path):
    text = "# T\n\n## Team\n\n- What do you measure?\n\n## Company\n\n- What do you measure?\n"
    first = parse_markdown(text, tmp_path / "q.md").pack
    edited = parse_markdown(text.replace("## Team\n\n", "## Team\n\n- Why?\n"), tmp_path / "q.md")
    assert [q.id for q in first.questions] == [q.id for q in edited.pack.questions][1:]


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


def _prompts(text: str, tmp_path: Path, name: str = "q.md") -> list[str]:
    return [q.prompt for q in parse_markdown(text, tmp_path / name).pack.questions]


def test_an_inline_triple_backtick_span_is_not_a_fence(tmp_path):
    text = (
        "# T\n\n## What does ```x``` do?\n\nIt is code.\n\n"
        "```js inline```\n\n## What is Y?\n\nY.\n\n## What is Z?\n\nZ.\n"
    )
    assert _prompts(text, tmp_path) == ["What does ```x``` do?", "What is Y?", "What is Z?"]


def test_a_fence_that_never_closes_does_not_swallow_later_questions(tmp_path):
    text = "# T\n\n## What is X?\n\n```python\nprint(1)\n\n## What is Y?\n\nY.\n"
    assert _prompts(text, tmp_path) == ["What is X?", "What is Y?"]


def test_a_fence_inside_a_list_item_hides_its_headings(tmp_path):
    text = (
        "# T\n\n1. ### What is X?\n\n    ```md\n    ## Not a question?\n    ```\n\n"
        "2. ### What is Y?\n\n    Y.\n"
    )
    pack = parse_markdown(text, tmp_path / "q.md").pack
    assert [q.prompt for q in pack.questions] == ["What is X?", "What is Y?"]
    assert "## Not a question?" in pack.questions[0].framework


def test_question_headings_of_mixed_levels(tmp_path):
    text = (
        "# T\n\n#### What is A?\n\nA.\n\n### What is B?\n\nB.\n\n#### What is C?\n\n"
        "C.\n\n##### Details\n\nmore C.\n"
    )
    pack = parse_markdown(text, tmp_path / "q.md").pack
    assert [q.prompt for q in pack.questions] == ["What is A?", "What is B?", "What is C?"]
    assert pack.questions[2].framework == "C.\n\nDetails\n\nmore C."


def test_answer_text_before_an_inner_details_stays_in_the_answer(tmp_path):
    text = (
        "# T\n\n1. ### What is the history of React?\n   It began in 2010.\n\n"
        "   <details>\n   <summary>See deep-dive answer</summary>\n   FaxJS came first.\n"
        "   </details>\n"
    )
    (question,) = parse_markdown(text, tmp_path / "q.md").pack.questions
    assert question.prompt == "What is the history of React?"
    assert question.framework == "It began in 2010.\n\nFaxJS came first."


def test_category_headings_and_related_topics(tmp_path):
    text = (
        "# SQL\n\n## Related Topics\n\n* *[SQL Commands](sql-commands.md)*\n\n"
        "## # 1. Introduction\n\n<br/>\n\n## Q. What is a database?\n\nA store.\n\n"
        '<div align="right">\n    <b><a href="#table-of-contents">↥ back to top</a></b>\n</div>\n\n'
        "## # 2. SQL Data Types\n\n## Q. What is CHAR?\n\nFixed width.\n"
    )
    pack = parse_markdown(text, tmp_path / "sql.md").pack
    assert [(q.prompt, q.category) for q in pack.questions] == [
        ("What is a database?", "Introduction"),
        ("What is CHAR?", "SQL Data Types"),
    ]
    assert pack.questions[0].framework == "A store."


def test_numbered_statements_among_numbered_questions_are_questions(tmp_path):
    text = (
        "# T\n\n## Q. What is X?\n\nx\n\n## Q. Everything is an object.\n\ntrue\n\n"
        "## Q. Why Y?\n\ny\n\n## Q. How Z?\n\nz\n"
    )
    assert _prompts(text, tmp_path) == [
        "What is X?",
        "Everything is an object.",
        "Why Y?",
        "How Z?",
    ]


def test_a_guides_numbered_steps_are_not_questions_because_one_asks(tmp_path):
    text = (
        "# Self introduction\n\n## Make an elevator pitch\n\nBe brief.\n\n"
        "### 1. Start with your background\n\nName, role.\n\n### 2. KISS\n\nShort.\n\n"
        "### 3. Why do they want you?\n\nSay it.\n\n### 4. Practice!\n\nAloud.\n\n"
        "## Examples\n\n### Example 1\n\nHi, I am…\n"
    )
    with pytest.raises(UserError, match="not a question-and-answer file"):
        parse_markdown(text, tmp_path / "self-introduction.md")


def test_guide_chrome_is_never_a_question_and_guides_keep_only_questions(tmp_path):
    text = (
        "# Primer\n\n## Motivation\n\nLearn.\n\n### How to approach a design question\n\n"
        "Steps.\n\n### Source(s) and further reading\n\n* link\n\n"
        "## System design interview questions\n\n"
        "### Design a web crawler\n\n[Solution](x.md)\n\n## DNS\n\nText.\n\n"
        "### Disadvantage(s): DNS\n\n* slow\n\n### When to update the cache\n\nOften.\n\n"
        "### Write-through\n\nWrites.\n"
    )
    pack = parse_markdown(text, tmp_path / "primer.md").pack
    assert [(q.prompt, q.category) for q in pack.questions] == [
        ("Design a web crawler", "System design interview questions")
    ]


def test_a_file_that_asks_nothing_is_refused_with_a_reason(tmp_path):
    text = "# My API\n\n## Features\n\n- Fast\n- Small\n\n## Install\n\n```sh\npip install x\n```\n"
    with pytest.raises(UserError, match=r"not a question-and-answer file.*3 headings"):
        parse_markdown(text, tmp_path / "README.md")


def test_imperative_questions(tmp_path):
    items = [
        "Talk about a project you are most passionate about.",
        "Describe what Human Resources means to you.",
        "Tell me about yourself.",
        "Walk me through your resume.",
        "Explain event delegation.",
        "Take me through a product you launched",
        "Share one of your trips with us.",
        "Time management matters. Give an example of a skill you applied at work.",
    ]
    text = "# T\n\n## Behavioral\n\n" + "".join(f"- {item}\n" for item in items) + "- Fast\n"
    assert _prompts(text, tmp_path) == items


def test_follow_up_sub_bullets_belong_to_the_prompt(tmp_path):
    text = (
        "---\ntitle: JavaScript Questions\nlayout: page\n---\n\n"
        "* Explain how `this` works in JavaScript.\n"
        "  * Can you give an example of how `this` changed in ES6?\n"
        "* What is a closure?\n"
    )
    pack = parse_markdown(text, tmp_path / "javascript-questions.md").pack
    assert pack.title == "JavaScript Questions"
    first = pack.questions[0]
    assert first.prompt == (
        "Explain how `this` works in JavaScript.\n\n"
        "- Can you give an example of how `this` changed in ES6?"
    )
    assert first.framework is None


def test_code_under_a_list_item_question_stays_in_the_prompt(tmp_path):
    text = (
        "## Coding questions\n* Make this work:\n"
        "```javascript\nduplicate([1,2]); // [1,2,1,2]\n```\n"
        "* Write an immediately invoked function expression (IIFE)\n"
    )
    pack = parse_markdown(text, tmp_path / "coding.md").pack
    assert pack.questions[0].prompt == (
        "Make this work:\n\n```javascript\nduplicate([1,2]); // [1,2,1,2]\n```"
    )
    assert pack.questions[0].framework is None
    assert pack.questions[1].prompt.startswith("Write an immediately")


def test_docusaurus_and_sponsor_chrome_is_dropped(tmp_path):
    text = (
        "---\nid: behavioral\ntitle: 'The 30 most common behavioral questions'\n"
        "description: How to prepare\nkeywords:\n  [a, b]\n---\n\n<head>\n"
        '  <meta property="og:image" content="x.png" />\n</head>\n\n'
        "import InDocAd from './_components/InDocAd';\n\n"
        '<p align="center">\n  <a href="https://sponsor.example">\n'
        '    <img src="banner.gif" alt="Sponsor" width="100%">\n  </a>\n</p>\n\n'
        "## Questions\n\n- What strengths matter for _your job position_?\n\n<InDocAd />\n\n"
        "- Why do you want to work here?\n"
    )
    imported = parse_markdown(text, tmp_path / "behavioral.md")
    pack = imported.pack
    assert pack.title == "The 30 most common behavioral questions"
    assert pack.description == "How to prepare"
    assert [q.prompt for q in pack.questions] == [
        "What strengths matter for your job position?",
        "Why do you want to work here?",
    ]
    dumped = pack.model_dump_json()
    for chrome in ("InDocAd", "import", "og:image", "sponsor", "banner"):
        assert chrome not in dumped


def test_emphasis_in_prompts_and_promotional_tails_are_dropped(tmp_path):
    text = (
        "# 100 React Questions\n\n#### You can also find all 100 answers here 👉 "
        "[Devinterview.io](https://devinterview.io/react)\n\n"
        "## 1. What is _React_ and why is it used?\n\n**React** is a library.\n\n"
        "### React: Modern Definition\n\nDeclarative.\n\n"
        "#### Explore all 100 answers here 👉 [Devinterview.io](https://devinterview.io/react)\n"
    )
    (question,) = parse_markdown(text, tmp_path / "react.md").pack.questions
    assert question.prompt == "What is React and why is it used?"
    assert (
        question.framework == "**React** is a library.\n\nReact: Modern Definition\n\nDeclarative."
    )


def test_summary_questions_with_answers_inside_details(tmp_path):
    text = (
        "# Git\n\n## Questions\n\n### Git Basics\n\n<details>\n"
        "<summary>How do you know if a directory is a git repository?</summary><br><b>\n"
        'Check for a ".git" directory.\n</b>\n</details>\n\n<details>\n'
        "<summary>Explain <code>git pull</code></summary><br><b>\n\n"
        "Fetch, then merge.\n</b></details>\n"
    )
    pack = parse_markdown(text, tmp_path / "git.md").pack
    assert [(q.prompt, q.framework, q.category) for q in pack.questions] == [
        (
            "How do you know if a directory is a git repository?",
            'Check for a ".git" directory.',
            "Git Basics",
        ),
        ("Explain git pull", "Fetch, then merge.", "Git Basics"),
    ]


def test_question_label_lines_with_code(tmp_path):
    text = (
        "---\ntitle: Coding Questions\n---\n\nQuestion: What is the value of `foo`?\n"
        "```javascript\nvar foo = 10 + '20';\n```\n\nQuestion: How would you make this work?\n"
        "```javascript\nadd(2)(5); // 7\n```\n"
    )
    pack = parse_markdown(text, tmp_path / "coding-questions.md").pack
    assert pack.title == "Coding Questions"
    assert [q.prompt for q in pack.questions] == [
        "What is the value of `foo`?\n\n```javascript\nvar foo = 10 + '20';\n```",
        "How would you make this work?\n\n```javascript\nadd(2)(5); // 7\n```",
    ]


def test_a_heading_that_is_only_a_label_takes_the_line_under_it(tmp_path):
    text = (
        "# Exercises\n\n## Q.\nWrite a program that prints the factorial of n.\n\n```py\n"
        "print(1)\n```\n\n## Q.\nWrite a program that reverses a list.\n\nUse slicing.\n\n"
        "## Q.\nWhat does `zip` return?\n\nAn iterator.\n"
    )
    pack = parse_markdown(text, tmp_path / "exercises.md").pack
    assert [q.prompt for q in pack.questions] == [
        "Write a program that prints the factorial of n.",
        "Write a program that reverses a list.",
        "What does `zip` return?",
    ]
    assert pack.questions[1].framework == "Use slicing."


def test_html_anchors_in_question_headings(tmp_path):
    text = (
        "# Quiz\n\n###### 1. Was wird ausgegeben?\n\nA\n\n"
        "###### <a name=20190707></a>2. Was wird ausgegeben?\n\nB\n"
    )
    assert _prompts(text, tmp_path) == ["Was wird ausgegeben?", "Was wird ausgegeben?"]


def test_a_page_that_is_one_exercise_is_one_question(tmp_path):
    text = (
        "# Design Pastebin.com (or Bit.ly)\n\n## Step 1: Outline use cases\n\n* Paste text\n\n"
        "## Step 2: Create a high level design\n\nA web server and an object store.\n"
    )
    (question,) = parse_markdown(text, tmp_path / "pastebin.md").pack.questions
    assert question.prompt == "Design Pastebin.com (or Bit.ly)"
    assert question.framework.startswith("Step 1: Outline use cases")
    assert "object store" in question.framework


def test_emoji_marks_and_shortcodes_are_not_part_of_prompts(tmp_path):
    text = (
        "# DS\n\n## :star: Classics\n\n**What is regression? 👶**\n\nA model.\n\n"
        "**What is AUC? \u200d⭐️**\n\nArea under the curve.\n"
    )
    pack = parse_markdown(text, tmp_path / "ds.md").pack
    assert [(q.prompt, q.category) for q in pack.questions] == [
        ("What is regression?", "Classics"),
        ("What is AUC?", "Classics"),
    ]


def test_lettered_question_numbers_are_numbering(tmp_path):
    text = "# JS\n\n## Question 17a. What is hoisting?\n\nx\n\n## Question 17b. Why?\n\ny\n"
    assert _prompts(text, tmp_path) == ["What is hoisting?", "Why?"]


def test_bold_questions_win_over_a_stray_question_heading(tmp_path):
    text = (
        "# Notes\n\n## Why read this?\n\nBecause.\n\n## Language\n\n**What is the GIL?**\n\n"
        "A lock.\n\n**What is a tuple?**\n\nImmutable.\n\n**What is a set?**\n\nUnique items.\n"
    )
    assert _prompts(text, tmp_path) == ["What is the GIL?", "What is a tuple?", "What is a set?"]


def test_checklist_items_are_advice_not_questions(tmp_path):
    text = (
        "# Cheatsheet\n\n## During the interview\n\n- ✅ Explain a few approaches.\n"
        "- ✅ If you get stuck, ask for a hint.\n- ✅ State the complexity.\n- ❌ Do not rush.\n"
    )
    with pytest.raises(UserError, match="not a question-and-answer file"):
        parse_markdown(text, tmp_path / "cheatsheet.md")


def test_setext_headings(tmp_path):
    text = (
        "Python Questions\n================\n\nWhat is a generator?\n--------------------\n\n"
        "A lazy iterator.\n\nWhy use slots?\n--------------\n\nLess memory.\n\n---\n\nThe end.\n"
    )
    pack = parse_markdown(text, tmp_path / "py.md").pack
    assert pack.title == "Python Questions"
    assert [(q.prompt, q.framework) for q in pack.questions] == [
        ("What is a generator?", "A lazy iterator."),
        ("Why use slots?", "Less memory.\n\nThe end."),
    ]


def test_list_questions_with_unindented_answers(tmp_path):
    text = (
        "# SQL\n\n1. What is a primary key?\n\nA column that identifies a row.\n\n"
        "- it is unique\n\n2. What is an index?\n\nA structure that speeds up reads.\n\n"
        "3. What is a view?\n\nA stored query.\n"
    )
    pack = parse_markdown(text, tmp_path / "sql.md").pack
    assert [(q.prompt, q.framework) for q in pack.questions] == [
        ("What is a primary key?", "A column that identifies a row.\n\n- it is unique"),
        ("What is an index?", "A structure that speeds up reads."),
        ("What is a view?", "A stored query."),
    ]
