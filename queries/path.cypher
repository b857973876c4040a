// title = "How are two entities connected?"
// description = "Paths between two entities over the power relationships (control, ownership, funding, direction, alignment, mirroring, producing, amplifying, serving, legitimizing, obscuring, excluding, historical parallels), shortest first, found with networkx on the neighbourhoods of both ends. Each path lists its steps with their direction, and the stories, sentences and citations behind them."
// analytic = "paths"
// columns = ["hops", "path", "nodes", "labels", "relations", "stories", "evidence", "citations", "background"]
// ordered = ["nodes", "labels", "relations"]
// [params.from]
// description = "one end: an entity's id or whole name (case-insensitive)"
// required = true
// [params.to]
// description = "the other end: an entity's id or whole name (case-insensitive)"
// required = true
// [params.max]
// description = "at most this many hops"
// type = "integer"
// default = 4
// [params.limit]
// description = "at most this many paths"
// type = "integer"
// default = 10
// [params.background]
// description = "include background facts from the knowledge files"
// type = "boolean"
// default = true
// [[examples]]
// from = "CNBC"
// to = "Biogen"
MATCH (n)-[r:CONTROLS|OWNS|FUNDS|DIRECTS|ALIGNED_WITH|MIRRORS|PRODUCED|AMPLIFIES|SERVES_INTERESTS_OF|LEGITIMIZES|OBSCURES|EXCLUDES|PARALLELS]->(m)
WHERE (n.id IN $ids OR lower(n.name) IN $names) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN labels(n)[0] AS a_label, n.id AS a_id, n.name AS a_name, type(r) AS relation, labels(m)[0] AS b_label,
       m.id AS b_id, m.name AS b_name, st.title AS story, r.sentence AS sentence, r.citation AS citation
UNION ALL
MATCH (n)-[r:CONTROLS|OWNS|FUNDS|DIRECTS|ALIGNED_WITH|MIRRORS|PRODUCED|AMPLIFIES|SERVES_INTERESTS_OF|LEGITIMIZES|OBSCURES|EXCLUDES|PARALLELS]->(m)
WHERE (m.id IN $ids OR lower(m.name) IN $names) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN labels(n)[0] AS a_label, n.id AS a_id, n.name AS a_name, type(r) AS relation, labels(m)[0] AS b_label,
       m.id AS b_id, m.name AS b_name, st.title AS story, r.sentence AS sentence, r.citation AS citation
