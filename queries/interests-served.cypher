// title = "Whose interests do the narratives serve?"
// description = "Each narrative (Framing) with the actors whose interests it serves, who produced and amplified it, and how many stories say whose interests it serves, which stories and the sentences that say so."
// columns = ["framing", "dimension", "serves", "produced_by", "amplified_by", "story_count", "stories", "evidence"]
// [params.actor]
// description = "only narratives serving this actor (id, or name as a case-insensitive substring)"
// default = ""
// [[examples]]
// [[examples]]
// actor = "eisai"
MATCH (f:Framing)-[r:SERVES_INTERESTS_OF]->(a:Actor)
WHERE $actor = '' OR a.id = $actor OR lower(a.name) CONTAINS lower($actor)
OPTIONAL MATCH (s:Story) WHERE s.id = r.story
OPTIONAL MATCH (p:Actor)-[:PRODUCED]->(f)
OPTIONAL MATCH (amp:Actor)-[:AMPLIFIES]->(f)
WITH f, collect(DISTINCT a.name) AS serves, collect(DISTINCT p.name) AS produced_by,
     collect(DISTINCT amp.name) AS amplified_by, collect(DISTINCT s.title) AS stories, collect(DISTINCT r.sentence) AS evidence
RETURN f.name AS framing, f.dimension AS dimension, serves, produced_by, amplified_by,
       size(stories) AS story_count, stories, evidence
ORDER BY story_count DESC, framing
