MATCH (x:Actor)<-[r:CONTROLS|OWNS|FUNDS|DIRECTS|EXCLUDES|ALIGNED_WITH]-(y:Actor)
WHERE $background OR r.story IS NOT NULL
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN x.id AS source, x.name AS source_name, x.kind AS source_kind, y.id AS target, y.name AS target_name,
       y.kind AS target_kind, label(r) AS relation, count(*) AS weight, collect(DISTINCT st.title) AS stories
UNION ALL
MATCH (x:Actor)-[p:PRODUCED|AMPLIFIES]->(:Framing)-[s:SERVES_INTERESTS_OF]->(y:Actor)
WITH x, y, p, s UNWIND [p.story, s.story] AS sid
OPTIONAL MATCH (st:Story) WHERE st.id = sid
RETURN x.id AS source, x.name AS source_name, x.kind AS source_kind, y.id AS target, y.name AS target_name,
       y.kind AS target_kind, label(p) + ' narrative serving' AS relation, count(DISTINCT [p, s]) AS weight,
       collect(DISTINCT st.title) AS stories
UNION ALL
MATCH (x:Actor)<-[d:DIRECTS]-(:Policy)<-[c:CONTROLS]-(y:Actor)
WHERE $background OR (d.story IS NOT NULL AND c.story IS NOT NULL)
WITH x, y, d, c UNWIND [d.story, c.story] AS sid
OPTIONAL MATCH (st:Story) WHERE st.id = sid
RETURN x.id AS source, x.name AS source_name, x.kind AS source_kind, y.id AS target, y.name AS target_name,
       y.kind AS target_kind, 'DIRECTS through a policy' AS relation, count(DISTINCT [d, c]) AS weight,
       collect(DISTINCT st.title) AS stories
