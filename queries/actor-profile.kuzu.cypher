MATCH (a:Actor)-[r]->(o)
WHERE (a.id = $actor OR lower(a.name) CONTAINS lower($actor)) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN a.name AS actor, label(r) AS relation, 'out' AS direction, o.name AS other, label(o) AS other_label,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (a:Actor)<-[r]-(o)
WHERE (a.id = $actor OR lower(a.name) CONTAINS lower($actor)) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN a.name AS actor, label(r) AS relation, 'in' AS direction, coalesce(o.title, o.name) AS other, label(o) AS other_label,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
