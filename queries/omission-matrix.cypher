// title = "Omission matrix"
// description = "Stories x concepts, one row per cell, for heatmaps: omits (the story says the coverage leaves the concept out), covers (the story discusses it) or neither. The columns are the concepts omitted by the most stories (top), the rows the stories that omit or cover any of them; omitted_by is the column's count. Cells carry the omission items and the sentences behind them."
// analytic = "matrix"
// columns = ["story", "concept", "status", "omitted_by", "items", "evidence"]
// [params.top]
// description = "how many concepts (the most often omitted) make the columns"
// type = "integer"
// default = 20
// [params.neither]
// description = "also list the empty (neither) cells"
// type = "boolean"
// default = true
// [[examples]]
// top = 3
MATCH (s:Story)-[r:OMITS|COVERS]->(c:Concept)
RETURN s.id AS story_id, s.title AS story, c.id AS concept_id, c.name AS concept, type(r) AS status,
       r.text AS item, r.sentence AS sentence
