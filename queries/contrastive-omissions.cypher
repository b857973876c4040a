// title = "Omissions found by contrast"
// description = "What a story's own What's Missing does not list, found by contrast: the entities and concepts that the stories on the same subject (those sharing the most entities, framings and concepts with it) mention or cover, and that this story neither mentions, covers nor lists as omitted. support is how many of those stories have the item, score the sum of their Jaccard similarity to the story (networkx, on the story-item graph); mentioned_by and evidence are those stories and their sentences."
// analytic = "contrast"
// columns = ["story", "item", "label", "support", "score", "mentioned_by", "evidence"]
// [params.story]
// description = "the story: its id, or a case-insensitive substring of its title that matches no other"
// required = true
// [params.neighbours]
// description = "how many of the most similar stories to contrast it with"
// type = "integer"
// default = 10
// [params.min_shared]
// description = "how many entities, framings or concepts a story must share with it to count as on the same subject"
// type = "integer"
// default = 2
// [params.min_support]
// description = "how many of those stories must have an item"
// type = "integer"
// default = 2
// [[examples]]
// story = "esg"
MATCH (s:Story) WHERE s.id = $story OR lower(s.title) CONTAINS lower($story)
MATCH (s)-[:MENTIONS|FRAMES|COVERS]->(e)<-[:MENTIONS|FRAMES|COVERS]-(o:Story)
WHERE o.id <> s.id
WITH s, o, count(DISTINCT e) AS shared
WHERE shared >= $min_shared
WITH s, o, shared ORDER BY shared DESC, o.id LIMIT $neighbours
MATCH (o)-[r:MENTIONS|FRAMES|COVERS|OMITS]->(x)
RETURN s.id AS story_id, s.title AS story, o.id AS other_id, o.title AS other, type(r) AS relation,
       labels(x)[0] AS label, x.id AS item_id, x.name AS item, r.sentence AS sentence
UNION ALL
MATCH (s:Story) WHERE s.id = $story OR lower(s.title) CONTAINS lower($story)
MATCH (s)-[r:MENTIONS|FRAMES|COVERS|OMITS]->(x)
RETURN s.id AS story_id, s.title AS story, s.id AS other_id, s.title AS other, type(r) AS relation,
       labels(x)[0] AS label, x.id AS item_id, x.name AS item, r.sentence AS sentence
