// title = "Who covers what a story omits"
// description = "For each concept the given story omits: the other stories that omit it too, and the stories that cover it."
// columns = ["concept", "omitted_by", "covered_by"]
// [params.story]
// description = "story id or title (case-insensitive substring)"
// required = true
MATCH (s:Story)-[:OMITS]->(c:Concept)
WHERE s.id = $story OR lower(s.title) CONTAINS lower($story)
OPTIONAL MATCH (o:Story)-[:OMITS]->(c) WHERE o.id <> s.id
OPTIONAL MATCH (v:Story)-[:COVERS]->(c)
RETURN c.name AS concept, collect(DISTINCT o.title) AS omitted_by, collect(DISTINCT v.title) AS covered_by
ORDER BY concept
