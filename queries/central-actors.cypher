// title = "Central actors"
// description = "The most central actors of the power graph, by PageRank and betweenness on the actor projection (networkx): an edge runs from an actor to the actor it works for or depends on (controlled, owned, funded, directed or excluded by it; producing or amplifying a narrative that serves it; directed by a policy it controls; aligned with it, both ways). PageRank is weighted by the number of relationships behind each edge; ties lists the relationships, stories the stories behind them."
// analytic = "centrality"
// columns = ["actor", "kind", "pagerank", "betweenness", "degree", "ties", "relations", "stories"]
// [params.top]
// description = "how many actors to list"
// type = "integer"
// default = 20
// [params.samples]
// description = "betweenness is exact up to this many actors and estimated from this many (fixed seed) above"
// type = "integer"
// default = 100
// [params.background]
// description = "include background facts from the knowledge files"
// type = "boolean"
// default = true
// [[examples]]
// top = 5
MATCH (x:Actor)<-[r:CONTROLS|OWNS|FUNDS|DIRECTS|EXCLUDES|ALIGNED_WITH]-(y:Actor)
WHERE $background OR r.story IS NOT NULL
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN x.id AS source, x.name AS source_name, x.kind AS source_kind, y.id AS target, y.name AS target_name,
       y.kind AS target_kind, type(r) AS relation, count(*) AS weight, collect(DISTINCT st.title) AS stories
UNION ALL
MATCH (x:Actor)-[p:PRODUCED|AMPLIFIES]->(:Framing)-[s:SERVES_INTERESTS_OF]->(y:Actor)
WITH x, y, p, s UNWIND [p.story, s.story] AS sid
OPTIONAL MATCH (st:Story) WHERE st.id = sid
RETURN x.id AS source, x.name AS source_name, x.kind AS source_kind, y.id AS target, y.name AS target_name,
       y.kind AS target_kind, type(p) + ' narrative serving' AS relation, count(DISTINCT [p, s]) AS weight,
       collect(DISTINCT st.title) AS stories
UNION ALL
MATCH (x:Actor)<-[d:DIRECTS]-(:Policy)<-[c:CONTROLS]-(y:Actor)
WHERE $background OR (d.story IS NOT NULL AND c.story IS NOT NULL)
WITH x, y, d, c UNWIND [d.story, c.story] AS sid
OPTIONAL MATCH (st:Story) WHERE st.id = sid
RETURN x.id AS source, x.name AS source_name, x.kind AS source_kind, y.id AS target, y.name AS target_name,
       y.kind AS target_kind, 'DIRECTS through a policy' AS relation, count(DISTINCT [d, c]) AS weight,
       collect(DISTINCT st.title) AS stories
