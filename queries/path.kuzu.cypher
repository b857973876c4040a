MATCH (n)-[r:CONTROLS|OWNS|FUNDS|DIRECTS|ALIGNED_WITH|MIRRORS|PRODUCED|AMPLIFIES|SERVES_INTERESTS_OF|LEGITIMIZES|OBSCURES|EXCLUDES|PARALLELS]->(m)
WHERE (n.id IN $ids OR lower(n.name) IN $names) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN label(n) AS a_label, n.id AS a_id, n.name AS a_name, label(r) AS relation, label(m) AS b_label,
       m.id AS b_id, m.name AS b_name, st.title AS story, r.sentence AS sentence, r.citation AS citation
UNION ALL
MATCH (n)-[r:CONTROLS|OWNS|FUNDS|DIRECTS|ALIGNED_WITH|MIRRORS|PRODUCED|AMPLIFIES|SERVES_INTERESTS_OF|LEGITIMIZES|OBSCURES|EXCLUDES|PARALLELS]->(m)
WHERE (m.id IN $ids OR lower(m.name) IN $names) AND ($background OR r.story IS NOT NULL)
OPTIONAL MATCH (st:Story) WHERE st.id = r.story
RETURN label(n) AS a_label, n.id AS a_id, n.name AS a_name, label(r) AS relation, label(m) AS b_label,
       m.id AS b_id, m.name AS b_name, st.title AS story, r.sentence AS sentence, r.citation AS citation
