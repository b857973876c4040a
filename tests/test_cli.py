"""The command line, run as a real subprocess."""

import csv
import io
import json

from helpers import copy_examples, run_cli


def test_help_lists_commands_with_examples():
    out = run_cli("--help")
    assert out.returncode == 0
    for cmd in ["ingest", "ask", "cypher", "stats", "demo"]:
        assert cmd in out.stdout
    assert "Example" in run_cli("ask", "--help").stdout


def test_ingest_ask_cypher_stats_formats(tmp_path, sample_path):
    ws = str(tmp_path / "ws")
    out = run_cli("ingest", "-w", ws, str(sample_path), "--quiet")
    assert out.returncode == 0, out.stderr
    assert "1 added" in out.stderr

    out = run_cli("ask", "who-controls-metrics", "-w", ws, "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)  # stdout holds the JSON array and nothing else
    assert isinstance(rows, list) and any(r["metric"] == "Seedance" for r in rows)
    assert {"controller", "metric", "relation", "stories", "evidence"} <= set(rows[0])

    out = run_cli("ask", "who-controls-metrics", "-w", ws, "--format", "csv")
    reader = list(csv.reader(io.StringIO(out.stdout)))
    assert reader[0][:5] == ["controller", "metric", "relation", "stories", "evidence"]
    assert len(reader) == len(rows) + 1

    out = run_cli("ask", "who-controls-metrics", "-w", ws)
    assert out.returncode == 0 and "Seedance" in out.stdout

    out = run_cli("cypher", "MATCH (a:Actor) WHERE a.name CONTAINS $q RETURN a.name AS name, a.kind AS kind", "-p", "q=Morning",
                  "-w", ws, "-f", "json")
    assert json.loads(out.stdout) == [{"name": "South China Morning Post", "kind": "MediaOutlet"}]

    out = run_cli("stats", "-w", ws, "-f", "json")
    counts = {(r["kind"], r["name"]): r["count"] for r in json.loads(out.stdout)}
    assert counts[("node", "Story")] == 1 and counts[("relationship", "OMITS")] >= 5

    out = run_cli("ask", "interests-served", "--explain", "-w", ws, "-f", "json")
    assert "SERVES_INTERESTS_OF" in out.stderr and json.loads(out.stdout)


def test_cypher_is_read_only(tmp_path, sample_path):
    ws = str(tmp_path / "ws")
    assert run_cli("ingest", "-w", ws, str(sample_path), "-q").returncode == 0
    out = run_cli("cypher", "CREATE (:Actor {id: 'x', name: 'X'})", "-w", ws)
    assert out.returncode == 1 and "query failed" in out.stderr
    out = run_cli("cypher", "MATCH (a:Actor {id: 'x'}) RETURN count(a) AS n", "-w", ws, "-f", "json")
    assert json.loads(out.stdout) == [{"n": 0}]


def test_ask_list_json_and_errors(tmp_path):
    out = run_cli("ask", "--list", "--format", "json")
    listed = json.loads(out.stdout)
    assert {"name", "description", "params"} <= set(listed[0])
    assert "who-controls-metrics" in {q["name"] for q in listed}
    out = run_cli("ask", "no-such-query", "-w", str(tmp_path))
    assert out.returncode == 2 and "no named query" in out.stderr
    out = run_cli("ask", "omission-coverage", "-w", str(tmp_path))
    assert out.returncode == 2 and "--param story=" in out.stderr
    out = run_cli("ask", "who-controls-metrics", "-w", str(tmp_path / "missing"))
    assert out.returncode == 1 and "powerlens ingest" in out.stderr


def test_bad_files_are_named_and_the_others_kept(tmp_path):
    stories = copy_examples(tmp_path / "stories")
    (stories / "empty.txt").write_text("")
    (stories / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (stories / "latin1.txt").write_bytes("Caf\xe9 story about a ranking".encode("latin-1"))
    ws = str(tmp_path / "ws")
    out = run_cli("ingest", "-w", ws, str(stories), "-q", "-f", "json")
    assert out.returncode == 1
    results = {r["path"].rsplit("/", 1)[-1]: r for r in json.loads(out.stdout)}
    assert results["empty.txt"]["status"] == "failed" and "empty" in results["empty.txt"]["error"]
    assert "binary" in results["binary.txt"]["error"]
    assert "UTF-8" in results["latin1.txt"]["error"]
    assert "empty.txt" in out.stderr and "3 failed" in out.stderr
    ok = [r for r in results.values() if r["status"] == "added"]
    assert len(ok) == len(list(stories.glob("*.txt"))) - 3
    out = run_cli("stats", "-w", ws, "-f", "json")
    n = {r["name"]: r["count"] for r in json.loads(out.stdout) if r["kind"] == "node"}
    assert n["Story"] == len(ok)


def test_demo_ingests_answers_and_writes_a_view(tmp_path):
    ws = tmp_path / "demo"
    out = run_cli("demo", "-w", str(ws))
    assert out.returncode == 0, out.stderr
    assert "Who controls the metrics?" in out.stderr
    assert "Conflicts of interest" in out.stderr
    view = (ws / "view.html").read_text(encoding="utf-8")
    assert "<svg" in view and "http://" not in view.replace("http://www.w3.org", "") and "https://" not in view
    assert view.count('class="edge"') > 10


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("powerlens ")
