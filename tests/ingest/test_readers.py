import pytest

from powerlens.ingest.readers import ReaderError, iter_story_files, read_bytes, read_path, read_text

KINDS = ["summary", "audit", "dimensions", "missing", "pathways", "synthesis"]


def test_sample_sections_title_and_pathways(sample_path):
    doc, raw = read_path(sample_path)
    assert doc.format == "cognionews-text"
    assert doc.title.startswith("Alibaba’s HappyHorse AI model exposes")
    assert [s.kind for s in doc.sections] == KINDS
    assert doc.summary.startswith("Mainstream coverage frames")
    assert [p.rank for p in doc.pathways] == [1, 2, 3, 4]
    assert doc.pathways[0].title == "Decolonize AI Benchmarks with Public Oversight"
    assert doc.pathways[3].text.startswith("Create publicly funded research hubs")
    for p in doc.pathways:
        assert doc.text[p.title_span.start : p.title_span.end] == p.title
        assert doc.text[p.text_span.start : p.text_span.end] == p.text


def test_windows_line_endings_and_bom_give_the_same_document(sample_path):
    raw = sample_path.read_bytes()
    crlf = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    a, b = read_bytes(raw), read_bytes(crlf)
    assert a.text == b.text
    assert [(s.kind, s.start, s.end) for s in a.sections] == [(s.kind, s.start, s.end) for s in b.sections]


def test_headings_without_emoji_other_whitespace_and_missing_sections(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    for emoji in ["⚡ ", "📐 ", "🔍 ", "🛠️ ", "🧬 "]:
        text = text.replace(emoji, "## ")
    text = text.replace("What's Missing", "What’s missing:")
    # drop the synthesis section and the analysis dimensions
    text = text.split("## Integrated Synthesis")[0]
    text = text.replace("## Analysis Dimensions", "")
    text = text.replace("\n\n", "\n  \n\t\n")
    doc = read_text(text)
    kinds = [s.kind for s in doc.sections]
    assert kinds == ["summary", "audit", "missing", "pathways"]
    assert len(doc.pathways) == 4


def test_plain_text_is_one_body():
    doc = read_text("How the ratings firms wrote the story\n\nThe Daily Example relied on one index.\nIt never said who paid.")
    assert doc.format == "plain-text"
    assert doc.title == "How the ratings firms wrote the story"
    assert [s.kind for s in doc.sections] == ["body"]


def test_plain_text_without_title_line_uses_file_name():
    doc = read_text("The outlet relied on one index. It never said who paid for it, which matters.", name="ratings-story.txt")
    assert doc.title == "ratings story"


def test_numbered_pathways_with_inline_titles():
    text = (
        "A title\n\nSummary here.\n\n🛠️ Solution Pathways\n\n1. Fund public benchmarks\n\nGovernments should pay.\n\n"
        "2) Audit the raters\nThe regulator should audit them.\n"
    )
    doc = read_text(text)
    assert [(p.rank, p.title) for p in doc.pathways] == [(1, "Fund public benchmarks"), (2, "Audit the raters")]
    assert doc.pathways[1].text == "The regulator should audit them."


@pytest.mark.parametrize(
    "raw,reason",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("caf\u00e9 story".encode("latin-1"), "not UTF-8"),
        ("← Back to stories\n🔗".encode(), "page furniture"),
    ],
)
def test_bad_input_names_the_problem(raw, reason):
    with pytest.raises(ReaderError, match=reason):
        read_bytes(raw)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 2000)
    with pytest.raises(ReaderError, match="over the limit"):
        read_path(p, max_bytes=1000)


def test_directory_expansion(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "c.pdf").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    found = iter_story_files([tmp_path, tmp_path / "c.pdf", tmp_path / "nope.txt"])
    names = [(p.name, problem) for p, problem in found]
    assert ("a.txt", None) in names and ("b.md", None) in names
    assert not any(n == "d.txt" for n, _ in names)
    assert any(n == "c.pdf" and "unsupported" in problem for n, problem in names if problem)
    assert any(n == "nope.txt" and "no such file" in problem for n, problem in names if problem)
