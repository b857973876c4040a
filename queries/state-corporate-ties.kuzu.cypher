MATCH (g:Actor)-[r:DIRECTS|ALIGNED_WITH|FUNDS|CONTROLS|OWNS]->(c:Actor)
WHERE g.kind IN ['State', 'Agency'] AND c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, label(r) AS relation, 'to company' AS direction, c.name AS company,
       CAST([] AS STRING[]) AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (c:Actor)-[r:DIRECTS|ALIGNED_WITH|FUNDS|CONTROLS|OWNS]->(g:Actor)
WHERE g.kind IN ['State', 'Agency'] AND c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, label(r) AS relation, 'from company' AS direction, c.name AS company,
       CAST([] AS STRING[]) AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (g:Policy)-[r:DIRECTS]->(c:Actor)
WHERE c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, label(r) AS relation, 'to company' AS direction, c.name AS company,
       CAST([] AS STRING[]) AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (c:Actor)-[r:ALIGNED_WITH|CONTROLS]->(g:Policy)
WHERE c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, label(r) AS relation, 'from company' AS direction, c.name AS company,
       CAST([] AS STRING[]) AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (g:Actor)-[r1:CONTROLS]->(p:Policy)-[r2:DIRECTS]->(c:Actor)
WHERE g.kind IN ['State', 'Agency'] AND c.kind = 'Company' AND ($background OR (r1.story IS NOT NULL AND r2.story IS NOT NULL))
UNWIND [{story: r1.story, sentence: r1.sentence, citation: r1.citation}, {story: r2.story, sentence: r2.sentence, citation: r2.citation}] AS r
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, 'DIRECTS' AS relation, 'to company' AS direction, c.name AS company,
       [p.name] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (g:Policy)-[r1:MIRRORS]->(p:Policy)-[r2:DIRECTS]->(c:Actor)
WHERE c.kind = 'Company' AND ($background OR (r1.story IS NOT NULL AND r2.story IS NOT NULL))
UNWIND [{story: r1.story, sentence: r1.sentence, citation: r1.citation}, {story: r2.story, sentence: r2.sentence, citation: r2.citation}] AS r
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, 'MIRRORS' AS relation, 'to company' AS direction, c.name AS company,
       [p.name] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
