// title = "State-corporate ties"
// description = "States, agencies and policies tied to companies: a state or agency that directs, funds, controls, owns or is aligned with a company (either way round), a policy that directs a company or that a company is aligned with, a state or agency steering a company through a policy it controls (via), and a policy that mirrors a policy directing a company. Each row has the stories and sentences behind its ties; background is true when a tie is a background fact."
// columns = ["government", "government_kind", "relation", "direction", "company", "via", "stories", "evidence", "citations", "background"]
// ordered = ["via"]
// sort = ["government", "relation", "direction", "company"]
// [params.background]
// description = "include background facts from the knowledge files"
// type = "boolean"
// default = true
// [[examples]]
MATCH (g:Actor)-[r:DIRECTS|ALIGNED_WITH|FUNDS|CONTROLS|OWNS]->(c:Actor)
WHERE g.kind IN ['State', 'Agency'] AND c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, type(r) AS relation, 'to company' AS direction, c.name AS company,
       [] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (c:Actor)-[r:DIRECTS|ALIGNED_WITH|FUNDS|CONTROLS|OWNS]->(g:Actor)
WHERE g.kind IN ['State', 'Agency'] AND c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, type(r) AS relation, 'from company' AS direction, c.name AS company,
       [] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (g:Policy)-[r:DIRECTS]->(c:Actor)
WHERE c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, type(r) AS relation, 'to company' AS direction, c.name AS company,
       [] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (c:Actor)-[r:ALIGNED_WITH|CONTROLS]->(g:Policy)
WHERE c.kind = 'Company' AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, type(r) AS relation, 'from company' AS direction, c.name AS company,
       [] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (g:Actor)-[r1:CONTROLS]->(p:Policy)-[r2:DIRECTS]->(c:Actor)
WHERE g.kind IN ['State', 'Agency'] AND c.kind = 'Company' AND ($background OR (r1.story IS NOT NULL AND r2.story IS NOT NULL))
UNWIND [r1, r2] AS r
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, 'DIRECTS' AS relation, 'to company' AS direction, c.name AS company,
       [p.name] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (g:Policy)-[r1:MIRRORS]->(p:Policy)-[r2:DIRECTS]->(c:Actor)
WHERE c.kind = 'Company' AND ($background OR (r1.story IS NOT NULL AND r2.story IS NOT NULL))
UNWIND [r1, r2] AS r
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN g.name AS government, g.kind AS government_kind, 'MIRRORS' AS relation, 'to company' AS direction, c.name AS company,
       [p.name] AS via, collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
