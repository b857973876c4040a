MATCH (o:Actor)-[c:OWNS|CONTROLS*0..2]->(a:Actor)-[r:CONTROLS|OWNS]->(m:Metric)
WHERE length(c) = 0 OR size(list_distinct(properties(nodes(c), 'id') + [o.id, a.id])) = length(c) + 1
WITH o, m, label(r) AS relation,
     CASE WHEN length(c) = 0 THEN CAST([] AS STRING[]) ELSE properties(nodes(c), 'name') + [a.name] END AS via,
     properties(rels(c), 'story') + [r.story] AS ids,
     properties(rels(c), 'sentence') + [r.sentence] AS sentences,
     properties(rels(c), 'citation') + [r.citation] AS cites
WHERE $background OR size(list_filter(ids, x -> x IS NULL)) = 0
UNWIND range(1, size(ids)) AS i
OPTIONAL MATCH (s:Story) WHERE s.id = ids[i]
WITH o, m, relation, via, collect(DISTINCT s.title) AS stories, collect(DISTINCT sentences[i]) AS evidence,
     collect(DISTINCT cites[i]) AS citations, count(ids[i]) AS supported
RETURN o.name AS controller, m.name AS metric, relation, stories, evidence, citations, supported = 0 AS background_only, via
ORDER BY metric, controller, relation, size(via), list_to_string(' > ', via)
