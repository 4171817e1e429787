"""A process that loads the model runs numpy's BLAS on one thread: runs parse in one process per core."""
import subprocess
import sys

import pytest

from quotetrail import nlp as qnlp


@pytest.mark.skipif(qnlp.model_name() is None, reason="no spaCy English model installed")
def test_loading_the_model_leaves_numpys_blas_one_thread():
    # A fresh process: this one's BLAS may already have been limited by another test.
    script = (
        "from threadpoolctl import threadpool_info\n"
        "import numpy\n"
        "before = [p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas']\n"
        "from quotetrail import nlp\n"
        "nlp.load()\n"
        "after = [p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas']\n"
        "print(before, after)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={"OPENBLAS_NUM_THREADS": "2", "PATH": "", "PYTHONPATH": ":".join(sys.path)}).stdout
    before, after = out.strip().split("] [")
    assert before == "[2" and after == "1]"
