"""powerlens: a knowledge graph of actors, policies, metrics, framings, omissions and precedents
from analyses of news coverage.

Library entry points::

    from powerlens.workspace import Workspace
    from powerlens.ingest.pipeline import ingest_paths
    from powerlens.queries import get_query

    store = Workspace("powerlens-data").open()
    ingest_paths(store, ["stories/"])
    q = get_query("who-controls-metrics")
    rows = store.query(q.cypher_for(store.dialect), q.bind({})).rows
"""

__version__ = "0.1.0"
