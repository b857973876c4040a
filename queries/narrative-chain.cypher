// title = "Narrative chains"
// description = "One row per narrative (Framing): who produced it, who amplified it, whose interests it serves, what it legitimizes, obscures and excludes, with the stories that frame or discuss it and the sentences behind every tie."
// columns = ["framing", "dimension", "produced_by", "amplified_by", "serves", "legitimizes", "obscures", "excludes", "stories", "evidence"]
// [params.framing]
// description = "only narratives whose name contains this (case-insensitive), or with this id"
// default = ""
// [[examples]]
// [[examples]]
// framing = "flexibility"
MATCH (f:Framing)
WHERE $framing = '' OR f.id = $framing OR lower(f.name) CONTAINS lower($framing)
OPTIONAL MATCH (f)-[r:PRODUCED|AMPLIFIES|SERVES_INTERESTS_OF|LEGITIMIZES|OBSCURES|EXCLUDES|FRAMES]-(o)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
WITH f, type(r) AS rel, o, r, st
RETURN f.name AS framing, f.dimension AS dimension,
       collect(DISTINCT CASE WHEN rel = 'PRODUCED' THEN o.name END) AS produced_by,
       collect(DISTINCT CASE WHEN rel = 'AMPLIFIES' THEN o.name END) AS amplified_by,
       collect(DISTINCT CASE WHEN rel = 'SERVES_INTERESTS_OF' THEN o.name END) AS serves,
       collect(DISTINCT CASE WHEN rel = 'LEGITIMIZES' THEN o.name END) AS legitimizes,
       collect(DISTINCT CASE WHEN rel = 'OBSCURES' THEN o.name END) AS obscures,
       collect(DISTINCT CASE WHEN rel = 'EXCLUDES' THEN o.name END) AS excludes,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT r.sentence) AS evidence
ORDER BY framing
