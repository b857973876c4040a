// title = "Actor profile"
// description = "Everything the graph says about one actor, grouped by relation: each tie to or from another entity (out: the actor is the subject), and the stories that mention it, with the stories and sentences behind each tie; background is true for background facts."
// columns = ["actor", "relation", "direction", "other", "other_label", "stories", "evidence", "citations", "background"]
// sort = ["actor", "relation", "direction", "other_label", "other"]
// [params.actor]
// description = "the actor: its id, or its name as a case-insensitive substring"
// required = true
// [params.background]
// description = "include background facts from the knowledge files"
// type = "boolean"
// default = true
// [[examples]]
// actor = "biogen"
MATCH (a:Actor)-[r]->(o)
WHERE (a.id = $actor OR lower(a.name) CONTAINS lower($actor)) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN a.name AS actor, type(r) AS relation, 'out' AS direction, o.name AS other, labels(o)[0] AS other_label,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
UNION ALL
MATCH (a:Actor)<-[r]-(o)
WHERE (a.id = $actor OR lower(a.name) CONTAINS lower($actor)) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN a.name AS actor, type(r) AS relation, 'in' AS direction, coalesce(o.title, o.name) AS other, labels(o)[0] AS other_label,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence,
       collect(DISTINCT r.citation) AS citations, count(r.citation) > 0 AS background
