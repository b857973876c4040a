// title = "Recurring omissions"
// description = "Concepts that more than one story says the coverage omits (recurring blind spots), with how many stories and which, the omission items and the sentences they were read from."
// columns = ["concept", "story_count", "stories", "items", "evidence"]
// [params.min_stories]
// description = "minimum number of stories omitting the concept"
// type = "integer"
// default = 2
// [[examples]]
MATCH (s:Story)-[o:OMITS]->(c:Concept)
WITH c, collect(DISTINCT s.title) AS stories, collect(o.text) AS items, collect(DISTINCT o.sentence) AS evidence
WHERE size(stories) >= $min_stories
RETURN c.name AS concept, size(stories) AS story_count, stories, items, evidence
ORDER BY story_count DESC, concept
