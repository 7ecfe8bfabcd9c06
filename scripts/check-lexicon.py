#!/usr/bin/env python3
"""Checks data/lexicon/*.tsv against data/lexicon/README.md: columns, parts of speech,
features, NFC, digits, and (vi, pos) pairs repeated within or across files.
Usage: scripts/check-lexicon.py [FILE...]   (default: every data/lexicon/*.tsv)"""
import glob, os, re, sys, unicodedata

# The key the translator compares: as src/phrases.rs normalise_key (NFC, lower case,
# edge punctuation stripped from each word, single spaces).
def norm(vi):
    words = (w.strip(',.;:!?()[]\u201c\u201d"\u2018\u2019\u2026') for w in unicodedata.normalize("NFC", vi).split())
    return " ".join(w for w in words if w).lower()

POS = {"n", "name", "title", "rank", "v", "adj", "adv", "prep", "conj", "det", "pron", "aux", "cl", "num", "time", "phr"}
FLAGS = {"mass", "sg", "the", "obj", "pl", "of", "event", "amount", "named", "numbered", "give"}
KEYS = {"pl", "past", "pp", "comp", "alone", "active", "tense", "voice", "modal", "value"}

def main(files):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "lexicon")
    all_files = sorted(glob.glob(os.path.join(root, "*.tsv")))
    files = files or all_files
    seen = {}
    for f in all_files:
        for i, line in enumerate(open(f, encoding="utf-8"), 1):
            cols = line.rstrip("\n").split("\t")
            if i > 1 and len(cols) == 4:
                seen.setdefault((norm(cols[0]), cols[2]), []).append(f"{os.path.basename(f)}:{i}")
    errors = 0
    total = 0
    for f in files:
        for i, line in enumerate(open(f, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            where = f"{f}:{i}"
            if i == 1:
                if line != "vi\ten\tpos\tfeatures":
                    print(f"{where}: the header must be vi<TAB>en<TAB>pos<TAB>features"); errors += 1
                continue
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                print(f"{where}: expected 4 tab-separated columns, found {len(cols)}: {line!r}"); errors += 1; continue
            vi, en, pos, feats = cols
            total += 1
            if not vi.strip() or not en.strip():
                print(f"{where}: empty vi or en"); errors += 1
            if unicodedata.normalize("NFC", vi) != vi:
                print(f"{where}: vi is not NFC"); errors += 1
            if len(vi.split()) > 16:
                print(f"{where}: more than 16 syllables"); errors += 1
            if pos not in POS:
                print(f"{where}: unknown pos {pos!r}"); errors += 1
            for d in re.findall(r"\d", en):
                if d not in vi:
                    print(f"{where}: English has the digit {d} that the Vietnamese lacks"); errors += 1
            for feat in filter(None, feats.split(",")):
                k = feat.split("=", 1)[0]
                if "=" in feat and k not in KEYS or "=" not in feat and feat not in FLAGS:
                    print(f"{where}: unknown feature {feat!r}"); errors += 1
            dup = seen.get((norm(vi), pos), [])
            if len(dup) > 1:
                print(f"{where}: ({vi!r}, {pos}) also at {', '.join(d for d in dup if d != f'{os.path.basename(f)}:{i}')}"); errors += 1
    print(f"{total} entries, {errors} problems")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
