"""A parsing process keeps its large blocks between batches instead of faulting them in again."""
import subprocess
import sys

import pytest

from quotetrail.nlp import heap

# A batch's pattern: several arrays of a few MiB alive at once (a tok2vec layer's outputs), then
# all freed. Prints the minor page faults of 20 batches after a first one.
BATCHES = """
import resource, sys, numpy as np
if sys.argv[1] == "keep":
    from quotetrail.nlp import heap
    assert heap.keep()
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
def batch():
    alive = [np.ones(3 << 18, dtype=np.float32) for _ in range(6)]  # six arrays of 3 MiB
    del alive
batch()
before = faults()
for _ in range(20):
    batch()
print(faults() - before)
"""


def faults_of_batches(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", BATCHES, mode], capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_freed_large_arrays_are_reused_not_faulted_in_again():
    pages = 20 * 6 * (3 << 20) // 4096
    kept = faults_of_batches("keep")
    default = faults_of_batches("default")
    assert kept < pages // 20
    assert kept < default // 10  # glibc's defaults give every page back and fault it in again


def test_keeping_is_done_once_per_process_and_by_the_model_loader():
    from quotetrail import nlp

    nlp.load()
    if sys.platform.startswith("linux"):
        assert heap._kept and heap.keep() is True
