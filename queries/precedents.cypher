// title = "Historical precedents"
// description = "Historical parallels (Precedent) and what draws them: the stories that draw each parallel and the policies they compare to it, with the sentences that do so; most-cited first."
// columns = ["precedent", "kind", "story_count", "stories", "policies", "evidence"]
// [params.precedent]
// description = "only precedents whose name contains this (case-insensitive), or with this id"
// default = ""
// [[examples]]
MATCH (p:Precedent)<-[r:PARALLELS]-(x)
WHERE $precedent = '' OR p.id = $precedent OR lower(p.name) CONTAINS lower($precedent)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
WITH p, collect(DISTINCT st.title) AS stories, collect(DISTINCT CASE WHEN x:Policy THEN x.name END) AS policies,
     collect(DISTINCT r.sentence) AS evidence
RETURN p.name AS precedent, p.kind AS kind, size(stories) AS story_count, stories, policies, evidence
ORDER BY story_count DESC, precedent
