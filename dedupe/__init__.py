"""The dedupe stage: syndicated copies of one press release, clustered."""

from dedupe.cluster import (
    Cluster,
    Deduper,
    MinHashBaseline,
    ReleaseDeduper,
    Text,
    cluster,
)
from dedupe.evaluate import Scores, assignment, evaluate
from dedupe.shingles import SIGNATURE_VERSION, Signature, signature

__all__ = [
    "SIGNATURE_VERSION",
    "Cluster",
    "Deduper",
    "Text",
    "MinHashBaseline",
    "ReleaseDeduper",
    "Scores",
    "Signature",
    "assignment",
    "cluster",
    "evaluate",
    "signature",
]
