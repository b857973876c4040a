MATCH (producer:Actor)-[p:PRODUCED]->(f:Framing)-[s:SERVES_INTERESTS_OF]->(owner:Actor)
MATCH (owner)-[c:OWNS|CONTROLS*1..3]->(producer)
WHERE size(list_distinct(properties(nodes(c), 'id') + [owner.id, producer.id])) = length(c) + 1
WITH owner, producer, f, properties(nodes(c), 'name') AS via,
     properties(rels(c), 'story') + [p.story, s.story] AS ids,
     properties(rels(c), 'sentence') + [p.sentence, s.sentence] AS sentences,
     properties(rels(c), 'citation') + [p.citation, s.citation] AS cites
WHERE $background OR size(list_filter(ids, x -> x IS NULL)) = 0
UNWIND range(1, size(ids)) AS i
OPTIONAL MATCH (st:Story) WHERE st.id = ids[i]
RETURN owner.name AS actor, 'producer owned by the actor it serves' AS pattern,
       producer.name + ' produced "' + f.name + '", which serves ' + owner.name + ', its owner or controller' AS detail,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT sentences[i]) AS evidence, via,
       collect(DISTINCT cites[i]) AS citations, count(cites[i]) > 0 AS background
UNION ALL
MATCH (f:Framing)-[s:SERVES_INTERESTS_OF]->(a:Actor), (f)-[l:LEGITIMIZES]->(m:Metric)
MATCH (a)-[c:OWNS|CONTROLS*1..3]->(m)
WHERE size(list_distinct(properties(nodes(c), 'id') + [a.id])) = length(c)
WITH a, m, f, properties(nodes(c), 'name') AS via,
     properties(rels(c), 'story') + [s.story, l.story] AS ids,
     properties(rels(c), 'sentence') + [s.sentence, l.sentence] AS sentences,
     properties(rels(c), 'citation') + [s.citation, l.citation] AS cites
WHERE $background OR size(list_filter(ids, x -> x IS NULL)) = 0
UNWIND range(1, size(ids)) AS i
OPTIONAL MATCH (st:Story) WHERE st.id = ids[i]
RETURN a.name AS actor, 'served actor controls the legitimized metric' AS pattern,
       '"' + f.name + '" serves ' + a.name + ' and legitimizes ' + m.name + ', which ' + a.name + ' controls or owns' AS detail,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT sentences[i]) AS evidence, via,
       collect(DISTINCT cites[i]) AS citations, count(cites[i]) > 0 AS background
UNION ALL
MATCH (f:Framing)-[s:SERVES_INTERESTS_OF]->(a:Actor)-[u:FUNDS]->(b)<-[l:LEGITIMIZES]-(f)
WHERE $background OR u.story IS NOT NULL
WITH a, b, f, [s.story, u.story, l.story] AS ids, [s.sentence, u.sentence, l.sentence] AS sentences,
     [s.citation, u.citation, l.citation] AS cites
UNWIND range(1, size(ids)) AS i
OPTIONAL MATCH (st:Story) WHERE st.id = ids[i]
RETURN a.name AS actor, 'legitimized body funded by the actor served' AS pattern,
       '"' + f.name + '" legitimizes ' + b.name + ', which ' + a.name + ' funds, and serves ' + a.name AS detail,
       collect(DISTINCT st.title) AS stories, collect(DISTINCT sentences[i]) AS evidence, CAST([] AS STRING[]) AS via,
       collect(DISTINCT cites[i]) AS citations, count(cites[i]) > 0 AS background
