// title = "Recurring omissions"
// description = "Concepts that more than one story says the coverage omits, with how many stories and which."
// columns = ["concept", "story_count", "stories", "items"]
// [params.min_stories]
// description = "minimum number of stories omitting the concept"
// type = "integer"
// default = 2
MATCH (s:Story)-[o:OMITS]->(c:Concept)
WITH c, collect(DISTINCT s.title) AS stories, collect(o.text) AS items
WHERE size(stories) >= $min_stories
RETURN c.name AS concept, size(stories) AS story_count, stories, items
ORDER BY story_count DESC, concept
