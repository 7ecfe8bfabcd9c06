#!/usr/bin/env bash
# Writes the legacy-encoding fixtures of tests/fixtures/encodings from their UTF-8 sources
# with encoders independent of vnbrief's decoders: glibc's iconv for TCVN3 (TCVN5712-1)
# and VISCII, and the VNI encoder below (from the VNI-Windows keyboard table).
#   nfc.txt       → tcvn3.txt, vni.txt, viscii.txt   (the report every encoding test reads)
#   alphabet.txt  → alphabet.tcvn3, alphabet.vni, alphabet.viscii (every letter once)
set -euo pipefail
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/fixtures/encodings" && pwd)

python3 - "$dir" <<'PY'
import sys, unicodedata, os
d = sys.argv[1]
lower = "aăâeêioôơuưy"
tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
letters = "".join(unicodedata.normalize("NFC", v + t) for v in lower for t in tones) + "đ"
with open(os.path.join(d, "alphabet.txt"), "w", encoding="utf-8") as f:
    f.write(letters + "\n" + letters.upper() + "\n")

# VNI-Windows: base letter, then one byte for its vowel mark and tone.
TONE = {"": "", "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
CIRC = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
def vni_char(c):
    upper = c.isupper()
    c = c.lower()
    if c == "đ":
        out = "ñ"
    else:
        parts = unicodedata.normalize("NFD", c)
        base, marks = parts[0], parts[1:]
        if base not in "aeiouy" or not marks and base.isascii():
            return c.upper() if upper else c
        tone = next((m for m in marks if m in TONE and m), "")
        if "\u0302" in marks:
            out = base + CIRC[tone]
        elif "\u0306" in marks:
            out = base + BREVE[tone]
        elif "\u031b" in marks:  # horn: ơ, ư have bytes of their own
            out = {"o": "ô", "u": "ö"}[base] + TONE[tone]
        elif base == "i":
            out = I[tone]
        elif base == "y" and tone == "\u0323":
            out = "î"
        else:
            out = base + TONE[tone]
    return out.upper() if upper else out
def vni(text):
    return "".join(vni_char(c) for c in unicodedata.normalize("NFC", text)).encode("cp1252")

for name in ["nfc", "alphabet"]:
    src = open(os.path.join(d, f"{name}.txt"), encoding="utf-8").read()
    out = "vni.txt" if name == "nfc" else "alphabet.vni"
    open(os.path.join(d, out), "wb").write(vni(src))
PY

iconv -f UTF-8 -t VISCII "$dir/nfc.txt" >"$dir/viscii.txt"
iconv -f UTF-8 -t VISCII "$dir/alphabet.txt" >"$dir/alphabet.viscii"
iconv -f UTF-8 -t TCVN5712-1 "$dir/nfc.txt" >"$dir/tcvn3.txt"
# TCVN3 ("ABC") has no toned capitals: the alphabet's capital line is left out.
head -n1 "$dir/alphabet.txt" | iconv -f UTF-8 -t TCVN5712-1 >"$dir/alphabet.tcvn3"
