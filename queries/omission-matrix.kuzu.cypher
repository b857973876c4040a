MATCH (s:Story)-[r:OMITS|COVERS]->(c:Concept)
RETURN s.id AS story_id, s.title AS story, c.id AS concept_id, c.name AS concept, label(r) AS status,
       r.text AS item, r.sentence AS sentence
