#!/usr/bin/env python3
"""Proposes new event patterns for dict/verbs.txt from WordNet synonyms, for a person to
review: dateline's dictionaries stay hand-kept, WordNet only suggests.

For every single-word verb head in dict/verbs.txt, the lemmas that share its most
frequent sense (the first synset WordNet lists for it) and are not yet a head of any
pattern are printed as candidate lines, each with the synset it came from:

    190 | assail      # wordnet: synonym of `attack` (02102249 "attack someone physically...")

usage: scripts/wordnet-widen.py [--senses N] [--min-tagcount N] [WORDNET_DIR]

WORDNET_DIR defaults to /usr/share/wordnet (Debian's wordnet-base package:
`apt-get install wordnet-base`). Nothing here is fetched or committed by itself; copy
the lines you agree with into dict/verbs.txt (or a --dict overlay) and measure with
scripts/gates. Standard library only.
"""
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args(argv):
    senses, min_tag, wn = 1, 1, "/usr/share/wordnet"
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--senses":
            senses = int(argv[i + 1])
            i += 2
        elif a == "--min-tagcount":
            min_tag = int(argv[i + 1])
            i += 2
        elif a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        else:
            wn = a
            i += 1
    return senses, min_tag, wn


def read_index(path):
    """lemma -> list of synset offsets, most frequent sense first."""
    out = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, p_cnt = parts[0], int(parts[3])
            rest = parts[4 + p_cnt:]
            sense_cnt = int(rest[0])
            out[lemma] = rest[2:2 + sense_cnt]
    return out


def read_synset(data, offset):
    """(lemmas, gloss) of the synset at `offset` in data.verb."""
    data.seek(int(offset))
    line = data.readline().decode("utf-8", "replace")
    parts = line.split()
    w_cnt = int(parts[3], 16)
    lemmas = [parts[4 + 2 * k] for k in range(w_cnt)]
    gloss = line.split("|", 1)[1].strip() if "|" in line else ""
    return [re.sub(r"\(.*\)$", "", l).lower() for l in lemmas], gloss


def read_tagcounts(path):
    """sense key -> how often the sense was tagged in the SemCor corpus."""
    counts = {}
    if not os.path.exists(path):
        return counts
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                counts[parts[0].split("%")[0]] = counts.get(parts[0].split("%")[0], 0) + int(parts[2])
    return counts


def main(argv):
    senses, min_tag, wn = parse_args(argv)
    index_path = os.path.join(wn, "index.verb")
    if not os.path.exists(index_path):
        print(f"wordnet-widen: no WordNet at {wn} (apt-get install wordnet-base)", file=sys.stderr)
        return 1
    index = read_index(index_path)
    tagged = read_tagcounts(os.path.join(wn, "cntlist.rev"))
    heads = defaultdict(set)  # head -> codes of its bare pattern
    known = set()
    with open(os.path.join(ROOT, "dict", "verbs.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if "|" not in line:
                continue
            code, pattern = [x.strip() for x in line.split("|", 1)]
            words = pattern.split()
            head = words[0].split(":")[0]
            known.add(head.lower())
            if len(words) == 1 and ":" not in words[0]:
                heads[head.lower()].add(code)
    with open(os.path.join(wn, "data.verb"), "rb") as data:
        for head in sorted(heads):
            for offset in index.get(head, [])[:senses]:
                lemmas, gloss = read_synset(data, offset)
                for lemma in lemmas:
                    if lemma in known or "_" in lemma or tagged.get(lemma, 0) < min_tag:
                        continue
                    for code in sorted(heads[head]):
                        print(f"{code} | {lemma:<14} # wordnet: synonym of `{head}` ({offset} \"{gloss[:60]}\")")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
