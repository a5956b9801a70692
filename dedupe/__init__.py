"""The dedupe stage: syndicated copies of one press release, clustered."""

from dedupe.cluster import Cluster, Doc, cluster, similarity

__all__ = ["Cluster", "Doc", "cluster", "similarity"]
