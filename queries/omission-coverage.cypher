// title = "Who covers what a story omits"
// description = "For each concept the given story omits: the story's own omission items and the sentences they come from, the other stories that omit the concept too, and the stories that cover it."
// columns = ["concept", "story", "items", "evidence", "omitted_by", "covered_by"]
// [params.story]
// description = "story id or title (case-insensitive substring)"
// required = true
// [[examples]]
// story = "cocoa"
MATCH (s:Story)-[so:OMITS]->(c:Concept)
WHERE s.id = $story OR lower(s.title) CONTAINS lower($story)
WITH s, c, collect(so.text) AS items, collect(DISTINCT so.sentence) AS evidence
OPTIONAL MATCH (o:Story)-[:OMITS]->(c) WHERE o.id <> s.id
WITH s, c, items, evidence, collect(DISTINCT o.title) AS omitted_by
OPTIONAL MATCH (v:Story)-[:COVERS]->(c)
RETURN c.name AS concept, s.title AS story, items, evidence, omitted_by, collect(DISTINCT v.title) AS covered_by
ORDER BY concept, story
