// title = "Conflicts of interest"
// description = "Narratives whose producer is owned or controlled by an actor the narrative serves, and actors served by a narrative who control or own the metric it legitimizes. Background facts (story = null) count as ties."
// columns = ["actor", "pattern", "detail", "stories", "evidence"]
MATCH (owner:Actor)-[t:OWNS|CONTROLS]->(producer:Actor)-[p:PRODUCED]->(f:Framing)-[s:SERVES_INTERESTS_OF]->(owner)
OPTIONAL MATCH (st:Story) WHERE st.id = p.story OR st.id = s.story
RETURN owner.name AS actor, 'producer owned by the actor it serves' AS pattern,
       producer.name + ' produced "' + f.name + '", which serves ' + owner.name + ', its owner or controller' AS detail,
       collect(DISTINCT st.title) AS stories,
       collect(DISTINCT coalesce(t.sentence, t.citation)) + collect(DISTINCT p.sentence) + collect(DISTINCT s.sentence) AS evidence
UNION ALL
MATCH (f:Framing)-[s:SERVES_INTERESTS_OF]->(a:Actor)-[t:OWNS|CONTROLS]->(m:Metric)<-[l:LEGITIMIZES]-(f)
OPTIONAL MATCH (st:Story) WHERE st.id = s.story OR st.id = l.story
RETURN a.name AS actor, 'served actor controls the legitimized metric' AS pattern,
       '"' + f.name + '" serves ' + a.name + ' and legitimizes ' + m.name + ', which ' + a.name + ' controls or owns' AS detail,
       collect(DISTINCT st.title) AS stories,
       collect(DISTINCT coalesce(t.sentence, t.citation)) + collect(DISTINCT l.sentence) + collect(DISTINCT s.sentence) AS evidence
UNION ALL
MATCH (f:Framing)-[s:SERVES_INTERESTS_OF]->(a:Actor)-[t:FUNDS]->(b:Actor)<-[l:LEGITIMIZES]-(f)
OPTIONAL MATCH (st:Story) WHERE st.id = s.story OR st.id = l.story
RETURN a.name AS actor, 'legitimized body funded by the actor served' AS pattern,
       '"' + f.name + '" legitimizes ' + b.name + ', which ' + a.name + ' funds, and serves ' + a.name AS detail,
       collect(DISTINCT st.title) AS stories,
       collect(DISTINCT coalesce(t.sentence, t.citation)) + collect(DISTINCT l.sentence) + collect(DISTINCT s.sentence) AS evidence
