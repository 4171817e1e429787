import random
import subprocess
import sys

import numpy as np
import pytest

from quotetrail.dedup import minhash

VOCAB = [f"w{i}" for i in range(3000)]


def text_of(n, seed):
    rnd = random.Random(seed)
    return " ".join(rnd.choice(VOCAB) for _ in range(n))


def shingle_set(text):
    w = minhash.words(text)
    return {" ".join(w[i : i + 5]) for i in range(len(w) - 4)}


def true_jaccard(a, b):
    sa, sb = shingle_set(a), shingle_set(b)
    return len(sa & sb) / len(sa | sb)


@pytest.mark.parametrize("keep", [0.95, 0.8, 0.5, 0.2])
def test_estimate_tracks_true_jaccard(keep):
    base = text_of(600, 1).split()
    rnd = random.Random(2)
    edited = [w if rnd.random() < keep ** 0.2 else rnd.choice(VOCAB) for w in base]
    a, b = " ".join(base), " ".join(edited)
    est = minhash.estimate_jaccard(minhash.signature(a), minhash.signature(b))
    assert abs(est - true_jaccard(a, b)) < 0.12


def test_batch_equals_one_by_one_and_small_groups():
    texts = [text_of(50 + 10 * i, i) for i in range(20)] + ["", "short text"]
    batch = minhash.signatures(texts)
    tiny_groups = minhash.signatures(texts, max_shingles=100)
    one_by_one = np.stack([minhash.signature(t) for t in texts])
    assert (batch == one_by_one).all() and (tiny_groups == one_by_one).all()
    assert (batch[20] == minhash.EMPTY_SIGNATURE).all()
    assert not (batch[21] == minhash.EMPTY_SIGNATURE).all()  # under 5 words still gets a signature


def test_unrelated_texts_score_near_zero_and_copies_one():
    a, b = text_of(400, 10), text_of(400, 11)
    assert minhash.estimate_jaccard(minhash.signature(a), minhash.signature(b)) < 0.05
    assert minhash.estimate_jaccard(minhash.signature(a), minhash.signature(a.upper())) == 1.0


def test_signature_is_the_same_in_another_process():
    text = text_of(200, 5)
    code = (
        "import sys; from quotetrail.dedup import minhash;"
        "sys.stdout.write(minhash.signature(sys.stdin.read()).tobytes().hex())"
    )
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True)
    assert other.stdout == minhash.signature(text).tobytes().hex()


def test_band_keys_match_only_for_candidates():
    a = text_of(500, 20)
    b = a.replace(a.split()[250], "changed", 1)
    c = text_of(500, 21)
    ka, kb, kc = (set(minhash.band_keys(minhash.signature(t))) for t in (a, b, c))
    assert len(ka) == minhash.BANDS
    assert ka & kb and not ka & kc


def test_a_text_longer_than_a_group_is_hashed_in_pieces_to_the_same_signature():
    rng = random.Random(3)
    words = [f"w{rng.randint(0, 5000)}" for _ in range(30000)]
    texts = [" ".join(words[:n]) for n in (5, 3000, 9000, 30000)] + ["", "short one here"]
    whole = np.stack([minhash.signatures([t], max_shingles=10**9)[0] for t in texts])
    assert (minhash.signatures(texts, max_shingles=1000) == whole).all()
    assert (minhash.signatures(texts) == whole).all()
