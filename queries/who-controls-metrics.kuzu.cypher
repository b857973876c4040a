MATCH (a:Actor)-[r:CONTROLS|OWNS]->(m:Metric)
WHERE $background OR r.story IS NOT NULL
OPTIONAL MATCH (s:Story) WHERE s.id = r.story
WITH a, m, label(r) AS relation, collect(DISTINCT s.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
     collect(DISTINCT r.citation) AS citations, count(r.story) AS supported
RETURN a.name AS controller, m.name AS metric, relation, stories, evidence, citations, supported = 0 AS background_only
ORDER BY metric, controller, relation
