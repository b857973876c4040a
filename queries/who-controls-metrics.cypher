// title = "Who controls the metrics?"
// description = "Actors that control or own a metric (benchmark, ranking, rating, index, report), directly or through a chain of up to two owners or controllers above the direct one (via), with the stories and sentences behind every tie; background facts are marked and carry their citation."
// columns = ["controller", "metric", "relation", "stories", "evidence", "citations", "background_only", "via"]
// ordered = ["via"]
// [params.background]
// description = "include background facts from the knowledge files"
// type = "boolean"
// default = true
// [[examples]]
MATCH chain = (o:Actor)-[:OWNS|CONTROLS*0..2]->(a:Actor)-[r:CONTROLS|OWNS]->(m:Metric)
WITH o, m, r, nodes(chain) AS held, relationships(chain) AS ties
WHERE all(i IN range(0, size(held) - 2) WHERE NOT held[i] IN held[i + 1..])
  AND ($background OR all(t IN ties WHERE t.story IS NOT NULL))
WITH o, m, type(r) AS relation, [n IN held[1..size(held) - 1] | n.name] AS via, ties
UNWIND ties AS t
OPTIONAL MATCH (s:Story) WHERE s.id = t.story
WITH o, m, relation, via, collect(DISTINCT s.title) AS stories, collect(DISTINCT t.sentence) AS evidence,
     collect(DISTINCT t.citation) AS citations, count(t.story) AS supported
RETURN o.name AS controller, m.name AS metric, relation, stories, evidence, citations, supported = 0 AS background_only, via
ORDER BY metric, controller, relation, size(via), via
