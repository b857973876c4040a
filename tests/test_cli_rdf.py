"""export, sparql and validate on the command line, as a real subprocess."""

import json

from helpers import run_cli
from rdf_tools import oxigraph_parse


def test_export_sparql_validate(tmp_path, sample_path):
    ws = str(tmp_path / "ws")
    assert run_cli("ingest", "-q", "-w", ws, str(sample_path)).returncode == 0
    out = run_cli("export", "--format", "ttl", "-o", str(tmp_path / "g.ttl"), "-w", ws)
    assert out.returncode == 0 and "statements" in out.stderr, out.stderr
    assert oxigraph_parse(tmp_path / "g.ttl", "ttl") > 1000
    out = run_cli("export", "-f", "nt", "-o", "-", "-w", ws)
    assert out.returncode == 0 and out.stdout.count(" .\n") > 1000
    out = run_cli("export", "-f", "graphml", "-o", str(tmp_path / "g.graphml"), "-w", ws)
    assert out.returncode == 0 and (tmp_path / "g.graphml").stat().st_size > 0
    out = run_cli("export", "-f", "xml", "-o", str(tmp_path / "g.xml"), "-w", ws)
    assert out.returncode == 2 and "unknown export format" in out.stderr

    out = run_cli("sparql", "who-controls-metrics", "-w", ws, "-f", "json")
    rows = json.loads(out.stdout)
    assert out.returncode == 0 and any(r["metric"] == "Seedance" and isinstance(r["stories"], list) for r in rows)
    out = run_cli("sparql", "SELECT ?n WHERE { ?a a pl:Actor ; schema:name ?n FILTER(CONTAINS(?n, $q)) }",
                  "-p", "q=Morning", "-w", ws, "-f", "json")
    assert json.loads(out.stdout) == [{"n": "South China Morning Post"}]
    out = run_cli("sparql", "SELECT WHERE {", "-w", ws)
    assert out.returncode == 1 and "query failed" in out.stderr
    out = run_cli("sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "-w", ws)
    assert out.returncode == 1, "sparql is read-only"

    out = run_cli("validate", "-w", ws, "-f", "json")
    assert out.returncode == 0 and json.loads(out.stdout) == [] and "conforms" in out.stderr

    out = run_cli("export", "-f", "ttl", "-o", str(tmp_path / "x.ttl"), "-w", str(tmp_path / "nothing"))
    assert out.returncode == 1 and "powerlens ingest" in out.stderr
