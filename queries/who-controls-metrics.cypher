// title = "Who controls the metrics?"
// description = "Actors that control or own a metric (benchmark, ranking, rating, index, report), with the stories and sentences that say so; background facts are marked and carry their citation."
// columns = ["controller", "metric", "relation", "stories", "evidence", "citations", "background_only"]
// [params.background]
// description = "include background facts from the knowledge files"
// type = "boolean"
// default = true
MATCH (a:Actor)-[r:CONTROLS|OWNS]->(m:Metric)
WHERE $background OR r.story IS NOT NULL
OPTIONAL MATCH (s:Story) WHERE s.id = r.story
WITH a, m, type(r) AS relation, collect(DISTINCT s.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
     collect(DISTINCT r.citation) AS citations, count(r.story) AS supported
RETURN a.name AS controller, m.name AS metric, relation, stories, evidence, citations, supported = 0 AS background_only
ORDER BY metric, controller, relation
