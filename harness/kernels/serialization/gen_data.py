"""Data set of the serialization kernel: `records` seeded records, written as one compact JSON array.

Usage: gen_data.py OUTPUT SEED records
Each record looks like a small service payload (an event with a user, a timestamp, a score, tags,
a 16-value embedding and a nested metadata object). Strings mix ASCII with accented letters, CJK,
quotes, backslashes and control characters so that every encoder's escaping is exercised. Floats
are rounded to 3 or 4 decimals and kept in ranges where every JSON library's shortest round-trip
formatting agrees. Same bytes on every machine and Python 3.9+ (random.Random(SEED)).
"""

import json
import random
import sys

SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "de", "an", "el", "or", "ü", "é", "ø", "ñ", "京", "路"]
ODD = ['"', "\\", "\n", "\t", "/", "\u0001", " "]
TAGS = ["search", "ads", "feed", "chat", "rerank", "embed", "vision", "audio", "batch", "stream", "eval", "train"]
SOURCES = ["web", "ios", "android", "api", "batch-job"]
REGIONS = ["eu-west-1", "us-east-2", "ap-south-1", "sa-east-1"]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))


def record(rng, i):
    user = " ".join(word(rng) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.2:
        user += rng.choice(ODD) + word(rng)
    return {
        "id": rng.randrange(1 << 53),
        "user": user,
        "created_ms": 1_700_000_000_000 + i * 997 + rng.randrange(1000),
        "score": round(rng.uniform(0.0, 1000.0), 3),
        "active": rng.random() < 0.5,
        "tags": rng.sample(TAGS, rng.randint(0, 6)),
        "embedding": [round(rng.uniform(-1.0, 1.0), 4) for _ in range(16)],
        "meta": {"source": rng.choice(SOURCES), "version": rng.randint(1, 40), "region": rng.choice(REGIONS)},
    }


def main(argv):
    if len(argv) != 4:
        sys.exit("usage: gen_data.py OUTPUT SEED records")
    out, seed, n = argv[1], int(argv[2]), int(argv[3])
    if n < 1:
        sys.exit(f"records must be >= 1, got {n}")
    rng = random.Random(seed)
    records = [record(rng, i) for i in range(n)]
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(records, separators=(",", ":"), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
