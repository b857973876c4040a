MATCH (s:Story) WHERE s.id = $story OR lower(s.title) CONTAINS lower($story)
MATCH (s)-[:MENTIONS|FRAMES|COVERS]->(e)<-[:MENTIONS|FRAMES|COVERS]-(o:Story)
WHERE o.id <> s.id
WITH s, o, count(DISTINCT e) AS shared
WHERE shared >= $min_shared
WITH s, o, shared ORDER BY shared DESC, o.id LIMIT $neighbours
MATCH (o)-[r:MENTIONS|FRAMES|COVERS|OMITS]->(x)
RETURN s.id AS story_id, s.title AS story, o.id AS other_id, o.title AS other, label(r) AS relation,
       label(x) AS label, x.id AS item_id, x.name AS item, r.sentence AS sentence
UNION ALL
MATCH (s:Story) WHERE s.id = $story OR lower(s.title) CONTAINS lower($story)
MATCH (s)-[r:MENTIONS|FRAMES|COVERS|OMITS]->(x)
RETURN s.id AS story_id, s.title AS story, s.id AS other_id, s.title AS other, label(r) AS relation,
       label(x) AS label, x.id AS item_id, x.name AS item, r.sentence AS sentence
