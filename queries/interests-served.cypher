// title = "Whose interests do the narratives serve?"
// description = "Each narrative (Framing) with the actors whose interests it serves, who produced and amplified it, and the supporting stories and sentences."
// columns = ["framing", "dimension", "serves", "produced_by", "amplified_by", "stories", "evidence"]
// [params.actor]
// description = "only narratives serving this actor (name, case-insensitive substring)"
// default = ""
MATCH (f:Framing)-[r:SERVES_INTERESTS_OF]->(a:Actor)
WHERE $actor = '' OR lower(a.name) CONTAINS lower($actor)
OPTIONAL MATCH (s:Story) WHERE s.id = r.story
OPTIONAL MATCH (p:Actor)-[:PRODUCED]->(f)
OPTIONAL MATCH (amp:Actor)-[:AMPLIFIES]->(f)
RETURN f.name AS framing, f.dimension AS dimension, collect(DISTINCT a.name) AS serves,
       collect(DISTINCT p.name) AS produced_by, collect(DISTINCT amp.name) AS amplified_by,
       collect(DISTINCT s.title) AS stories, collect(DISTINCT r.sentence) AS evidence
ORDER BY framing
