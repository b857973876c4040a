// title = "Conflicts of interest"
// description = "Three patterns of material and discursive ties: the producer of a narrative is owned or controlled (directly or through up to three links, via) by an actor the narrative serves; an actor the narrative serves controls or owns the metric it legitimizes; a body the narrative legitimizes is funded by the actor it serves. Every tie's story and sentence is evidence; background facts count as ties, with their citations, and background is true when one does (--no-background leaves those rows out)."
// columns = ["actor", "pattern", "detail", "stories", "evidence", "via", "citations", "background"]
// ordered = ["via"]
// sort = ["actor", "pattern", "detail"]
// [params.background]
// description = "let background facts from the knowledge files count as ties"
// type = "boolean"
// default = true
// [[examples]]
MATCH (producer:Actor)-[p:PRODUCED]->(f:Framing)-[s:SERVES_INTERESTS_OF]->(owner:Actor)
MATCH chain = (owner)-[:OWNS|CONTROLS*1..3]->(producer)
WITH owner, producer, f, nodes(chain) AS held, relationships(chain) + [p, s] AS ties
WHERE all(i IN range(0, size(held) - 2) WHERE NOT held[i] IN held[i + 1..])
  AND ($background OR all(t IN ties WHERE t.story IS NOT NULL))
WITH owner, producer, f, [n IN held[1..size(held) - 1] | n.name] AS via, ties
UNWIND ties AS t
OPTIONAL MATCH (st:Story) WHERE st.id = t.story
RETURN owner.name AS actor, 'producer owned by the actor it serves' AS pattern,
       producer.name + ' produced "' + f.name + '", which serves ' + owner.name + ', its owner or controller' AS detail,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT t.sentence) AS evidence, via,
       collect(DISTINCT t.citation) AS citations, count(t.citation) > 0 AS background
UNION ALL
MATCH (f:Framing)-[s:SERVES_INTERESTS_OF]->(a:Actor), (f)-[l:LEGITIMIZES]->(m:Metric)
MATCH chain = (a)-[:OWNS|CONTROLS*1..3]->(m)
WITH a, m, f, nodes(chain) AS held, relationships(chain) + [s, l] AS ties
WHERE all(i IN range(0, size(held) - 2) WHERE NOT held[i] IN held[i + 1..])
  AND ($background OR all(t IN ties WHERE t.story IS NOT NULL))
WITH a, m, f, [n IN held[1..size(held) - 1] | n.name] AS via, ties
UNWIND ties AS t
OPTIONAL MATCH (st:Story) WHERE st.id = t.story
RETURN a.name AS actor, 'served actor controls the legitimized metric' AS pattern,
       '"' + f.name + '" serves ' + a.name + ' and legitimizes ' + m.name + ', which ' + a.name + ' controls or owns' AS detail,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT t.sentence) AS evidence, via,
       collect(DISTINCT t.citation) AS citations, count(t.citation) > 0 AS background
UNION ALL
MATCH (f:Framing)-[s:SERVES_INTERESTS_OF]->(a:Actor)-[u:FUNDS]->(b)<-[l:LEGITIMIZES]-(f)
WHERE $background OR u.story IS NOT NULL
UNWIND [s, u, l] AS t
OPTIONAL MATCH (st:Story) WHERE st.id = t.story
RETURN a.name AS actor, 'legitimized body funded by the actor served' AS pattern,
       '"' + f.name + '" legitimizes ' + b.name + ', which ' + a.name + ' funds, and serves ' + a.name AS detail,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT t.sentence) AS evidence, [] AS via,
       collect(DISTINCT t.citation) AS citations, count(t.citation) > 0 AS background
