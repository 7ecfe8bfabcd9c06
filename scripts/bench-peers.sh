#!/usr/bin/env bash
# Side-by-side benchmark against the Python peers, on the same text:
#   - encoder: `vnbrief run` classification vs transformers (fp32, and int8 with
#     torch's dynamic quantization), multilingual-e5-small on every labeled sentence;
#   - segmentation: vnbrief's segmenter vs underthesea's sent_tokenize on a ~8 MB corpus
#     made of the labeled documents repeated; plus the whole rules pipeline's MB/s.
#
#   scripts/bench-peers.sh [THREADS]        (default: nproc)
#
# Environment: VNBRIEF_CACHE (default ~/.cache/vnbrief; the venv lives in
# $VNBRIEF_CACHE/peers-venv, override with PEERS_VENV), PEERS_CORPUS_MB (default 8),
# VNBRIEF_BIN (default target/release/vnbrief; the script does not build it),
# VNBRIEF_PRECISION (passed to the classifying run as --precision VALUE when set).
# Needs scripts/setup.sh to have run (cached torch wheel, models/multilingual-e5-small).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
threads=${1:-$(nproc)}
cache=${VNBRIEF_CACHE:-$HOME/.cache/vnbrief}
venv=${PEERS_VENV:-$cache/peers-venv}
wheels=$cache/wheels
bin=${VNBRIEF_BIN:-target/release/vnbrief}
model=$root/models/multilingual-e5-small
shared_e5=$root/../shared/bench/e5_same_work.py
corpus_mb=${PEERS_CORPUS_MB:-8}

say() { printf 'bench-peers: %s\n' "$*" >&2; }
die() { printf 'bench-peers: error: %s\n' "$*" >&2; exit 1; }

# Pinned peers. underthesea 9.5.0 is the newest that installs on Python 3.11 here; its
# sent_tokenize is pure Python (a Punkt-style scanner), underthesea_core is its Rust part.
torch_pin=2.4.0
pins=(transformers==4.57.6 tokenizers==0.22.2 numpy==2.4.6 underthesea==9.5.0 underthesea_core==3.3.2)
# From scripts/setup.sh: the PyPI torch wheel (CUDA build) and the two NVIDIA runtime wheels.
torch_wheel=torch-2.4.0-cp311-cp311-manylinux1_x86_64.whl
torch_sha=e743adadd8c8152bb8373543964551a7cb7cc20ba898dc8f9c0cdbe47c283de0
nv_wheels=(
    "nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl 6e258468ddf5796e25f1dc591a31029fa317d97a0a94ed93468fc86301d61e40"
    "nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl e54fde3983165c624cb79254ae9818a456eb6e87a7fd4d56a2352c24ee542d7e"
)
stamp="torch=$torch_pin ${pins[*]}"

python=$(command -v python3.11 || command -v python3) || die "python3.11 is not installed"
[[ -x $bin ]] || die "$bin not found: run 'cargo build --release' first"
for f in config.json model.safetensors tokenizer.json; do
    [[ -f $model/$f ]] || die "$model/$f missing: run scripts/setup.sh first"
done
[[ -f $shared_e5 ]] || die "$shared_e5 not found"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------------------
# The venv, made once and reused while its stamp matches the pins.
# ---------------------------------------------------------------------------------------

# torch from the cached CUDA wheel, installed without its ~2.5 GB of nvidia-* deps.
# torch/_C needs libtorch_cuda.so, which links cuBLAS, cuDNN, cuFFT, cuSPARSE, cuRAND,
# NCCL and NVTX; nothing calls them on CPU, so each gets a stub library (same soname, same
# versioned symbols, every function aborts loudly if ever called) placed in torch/lib, which
# is on torch's rpath. libcudart and libcupti are the real ones from the two small wheels:
# torch.cuda.is_available() calls cudart and gets "no device". The CPU kernels (libtorch_cpu,
# MKL, oneDNN) are the same as in the +cpu wheel.
install_torch_from_cached_wheel() {
    local py=$venv/bin/python
    [[ -f $wheels/$torch_wheel ]] && echo "$torch_sha  $wheels/$torch_wheel" | sha256sum -c --status \
        || die "$wheels/$torch_wheel missing or corrupt: run scripts/setup.sh first"
    local nv=() spec file sum
    for spec in "${nv_wheels[@]}"; do
        read -r file sum <<<"$spec"
        echo "$sum  $wheels/$file" | sha256sum -c --status || die "$wheels/$file missing or corrupt: run scripts/setup.sh first"
        nv+=("$wheels/$file")
    done
    command -v gcc >/dev/null || die "gcc is needed to build the CUDA stub libraries"
    pip_install --no-deps "$wheels/$torch_wheel" "${nv[@]}"
    # torch's own small pure-Python dependencies (its METADATA's, minus nvidia-* and triton).
    pip_install filelock sympy networkx jinja2 fsspec typing-extensions
    local lib
    lib=$("$py" -c 'import importlib.util, os; print(os.path.join(os.path.dirname(importlib.util.find_spec("torch").origin), "lib"))')
    "$py" - "$lib" "$work/stubs" <<'PY'
# Finds the libraries torch/_C needs but cannot load, and the symbols it needs from each,
# and builds a stub for each one.
import collections, os, re, subprocess, sys, sysconfig
lib, out = sys.argv[1:3]
roots = [os.path.join(lib, f) for f in ("libtorch_python.so", "libtorch_global_deps.so")]
found, missing = {}, set()
for r in roots:   # ldd lists the whole closure
    for line in subprocess.run(["ldd", r], capture_output=True, text=True, check=True).stdout.splitlines():
        m = re.match(r"\s*(\S+) => (not found|\S+)", line)
        if m and m[2] == "not found":
            missing.add(m[1])
        elif m:
            found[m[1]] = m[2]
def dynsyms(path):   # (bind, section, name@version)
    out = subprocess.run(["readelf", "-W", "--dyn-syms", path], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[0].endswith(":") and f[0][:-1].isdigit():
            yield f[4], f[6], f[7]
loaded = set(found.values()) | set(roots)
# The interpreter provides the Py* symbols.
exe = [os.path.realpath(sys.executable), os.path.join(sysconfig.get_config_var("LIBDIR") or "", sysconfig.get_config_var("LDLIBRARY") or "")]
defined = {n.split("@")[0] for p in loaded | {e for e in exe if os.path.isfile(e)} for b, sec, n in dynsyms(p) if sec != "UND"}
versioned, loose = collections.defaultdict(set), set()
for p in loaded:
    for bind, sec, name in dynsyms(p):
        if sec != "UND" or bind == "WEAK":
            continue
        base, _, ver = name.partition("@")
        ver = ver.lstrip("@")
        if ver in missing:
            versioned[ver].add(base)          # NVIDIA libs version their symbols by soname
        elif not ver and base not in defined:
            loose.add(base)                   # NCCL's are unversioned
prefixes = [("nccl", "libnccl.so"), ("curand", "libcurand.so"), ("nvtx", "libnvToolsExt.so"), ("cudnn", "libcudnn.so"),
            ("cublasLt", "libcublasLt.so"), ("cublas", "libcublas.so"), ("cusparse", "libcusparse.so"), ("cufft", "libcufft.so")]
unversioned = collections.defaultdict(set)
for s in loose:
    so = next((m for p, stem in prefixes if s.startswith(p) for m in missing if m.startswith(stem + ".")), None)
    if so is None:
        sys.exit(f"no library to stub for unresolved symbol {s}")
    unversioned[so].add(s)
os.makedirs(out, exist_ok=True)
for so in sorted(missing):
    c, vs = os.path.join(out, so + ".c"), os.path.join(out, so + ".map")
    with open(c, "w") as w:
        w.write('#include <stdio.h>\n#include <stdlib.h>\n'
                'static void stub(const char *s) { fprintf(stderr, "%s: CUDA stub called (CPU-only torch)\\n", s); abort(); }\n')
        w.writelines(f'void {s}(void) {{ stub("{s}"); }}\n' for s in sorted(versioned[so] | unversioned[so]))
    cmd = ["gcc", "-shared", "-fPIC", "-o", os.path.join(lib, so), c, "-Wl,-soname," + so]
    if versioned[so]:
        with open(vs, "w") as w:
            w.write(so + " {\n  global:\n" + "".join(f"    {s};\n" for s in sorted(versioned[so])) + "};\n")
        cmd.append("-Wl,--version-script=" + vs)
    subprocess.run(cmd, check=True)
    print(f"bench-peers: stub {so} ({len(versioned[so] | unversioned[so])} symbols)", file=sys.stderr)
PY
}

# pip install ARGS... into the venv; pip's complaints that torch's nvidia-*/triton
# requirements are not installed are expected here and left out of the output.
pip_install() {
    local log=$work/pip.log
    if ! "$venv/bin/python" -m pip install --quiet "$@" >"$log" 2>&1; then
        cat "$log" >&2
        die "pip install $* failed"
    fi
    grep -v -e "requires nvidia-" -e "requires triton" -e "dependency resolver does not" "$log" >&2 || true
}

make_venv() {
    say "making the peers venv in $venv"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    local py=$venv/bin/python how
    # The CPU wheel is the simplest when its index can be reached; it cannot on machines
    # that reach only PyPI.
    if "$py" -c 'import urllib.request as u; u.urlopen("https://download.pytorch.org/whl/cpu/torch/", timeout=10)' 2>/dev/null; then
        say "installing torch==$torch_pin+cpu"
        pip_install "torch==$torch_pin+cpu" --extra-index-url https://download.pytorch.org/whl/cpu
        how="torch $torch_pin+cpu wheel"
    else
        say "the CPU wheel index is unreachable: installing the cached CUDA wheel with stubbed CUDA libraries"
        install_torch_from_cached_wheel
        how="cached torch $torch_pin CUDA wheel, CUDA math libraries stubbed"
    fi
    say "installing ${pins[*]}"
    pip_install "${pins[@]}"
    "$py" -c 'import torch, transformers; print(torch.__version__)' >/dev/null || die "import torch, transformers failed in $venv"
    "$py" -m pip freeze > "$venv/freeze.txt"
    echo "$how" > "$venv/.torch-from"
    echo "$stamp" > "$venv/.complete"
}

setup_start=$SECONDS
if [[ "$(cat "$venv/.complete" 2>/dev/null)" != "$stamp" ]]; then
    make_venv
fi
py=$venv/bin/python
torch_version=$("$py" -c 'import torch, transformers; print(torch.__version__)') || die "import torch, transformers failed in $venv"
say "venv ready in $((SECONDS - setup_start)) s (torch $torch_version; $(cat "$venv/.torch-from"))"

# ---------------------------------------------------------------------------------------
# The inputs, written from data/labeled/**/*.jsonl.
# ---------------------------------------------------------------------------------------

# AutoTokenizer reads a bert config as BertTokenizerFast ([PAD] etc., not in this
# vocabulary); the e5 tokenizer is XLM-R's, so the model folder gets a tokenizer_config.json
# in a folder of symlinks (models/ stays as it is).
e5=$work/e5
mkdir -p "$e5"
for f in config.json model.safetensors tokenizer.json; do ln -s "$model/$f" "$e5/$f"; done
cat > "$e5/tokenizer_config.json" <<'JSON'
{"tokenizer_class": "XLMRobertaTokenizerFast", "model_max_length": 512,
 "bos_token": "<s>", "eos_token": "</s>", "cls_token": "<s>", "sep_token": "</s>",
 "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"}
JSON
cat > "$e5/special_tokens_map.json" <<'JSON'
{"bos_token": "<s>", "eos_token": "</s>", "cls_token": "<s>", "sep_token": "</s>",
 "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"}
JSON
# transformers' warnings here are expected (the unused pooler weights, a regex warning
# 4.57 prints for any local folder): keep the report readable.
export TRANSFORMERS_VERBOSITY=error

# One sentence a line for Python; one .txt per labeled document for vnbrief (exactly as
# scripts/bench-classify.sh writes them); the segmentation corpus is those documents
# repeated, copy K of each under corpus/K/, until it holds about PEERS_CORPUS_MB MB.
python3 - data/labeled "$work/sentences.txt" "$work/docs" "$work/corpus" "$corpus_mb" <<'PY'
import glob, json, math, os, sys
root, sentences, docs, corpus, mb = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
os.makedirs(docs)
texts = {}
with open(sentences, "w", encoding="utf-8") as out:
    for f in sorted(glob.glob(os.path.join(root, "**", "*.jsonl"), recursive=True)):
        for line in open(f, encoding="utf-8"):
            if not line.strip():
                continue
            d = json.loads(line)
            for p in d["paragraphs"]:
                for s in p:
                    out.write(s["text"].replace("\n", " ") + "\n")
            texts[d["id"]] = "\n\n".join(" ".join(s["text"] for s in p) for p in d["paragraphs"]) + "\n"
            with open(os.path.join(docs, d["id"] + ".txt"), "w", encoding="utf-8") as w:
                w.write(texts[d["id"]])
size = sum(len(t.encode()) for t in texts.values())
for k in range(max(1, math.ceil(mb * 1e6 / size))):
    os.makedirs(os.path.join(corpus, f"{k:03d}"))
    for i, t in texts.items():
        with open(os.path.join(corpus, f"{k:03d}", i + ".txt"), "w", encoding="utf-8") as w:
            w.write(t)
PY
n_sentences=$(wc -l < "$work/sentences.txt")
n_docs=$(find "$work/docs" -name '*.txt' | wc -l)
corpus_docs=$(find "$work/corpus" -name '*.txt' | wc -l)
corpus_bytes=$(find "$work/corpus" -name '*.txt' -print0 | xargs -0 cat | wc -c)
say "$n_docs documents, $n_sentences sentences; segmentation corpus: $corpus_docs documents, $corpus_bytes bytes"

# index OUT_DIR FIELD...: prints timings.FIELD (or "sentences": the entries' total) from index.json.
index() {
    python3 - "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1] + "/index.json"))
if "timings" not in d:
    sys.exit("index.json has no timings: rebuild vnbrief (cargo build --release)")
print(" ".join(str(sum(e.get("sentences", 0) for e in d["entries"])) if f == "sentences" else str(d["timings"][f]) for f in sys.argv[2:]))
PY
}

# ---------------------------------------------------------------------------------------
# Encoder: the same sentences through transformers fp32, int8 and vnbrief.
# ---------------------------------------------------------------------------------------

# int8: the shared script's work, with Linear layers dynamically quantized first.
cat > "$work/e5_same_work_int8.py" <<'PY'
"""e5_same_work.py with torch.quantization.quantize_dynamic(Linear -> qint8) applied."""
import sys, time, torch
from transformers import AutoModel, AutoTokenizer
model_dir, path = sys.argv[1], sys.argv[2]
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
sents = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
tok = AutoTokenizer.from_pretrained(model_dir); model = AutoModel.from_pretrained(model_dir).eval()
model = torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
texts = sorted(("query: " + s for s in sents), key=lambda t: len(tok(t)["input_ids"]))
def run():
    with torch.inference_mode():
        for i in range(0, len(texts), 32):
            b = tok(texts[i:i + 32], padding=True, truncation=True, max_length=256, return_tensors="pt")
            h = model(**b).last_hidden_state
            m = b["attention_mask"].unsqueeze(-1).float()
            torch.nn.functional.normalize((h * m).sum(1) / m.sum(1), dim=-1)
run()  # warm-up
t = time.perf_counter(); run(); dt = time.perf_counter() - t
print(f"transformers {torch.__version__} int8: {len(texts)} sentences in {dt:.2f} s = {len(texts)/dt:.1f} sentences/s")
PY

# The Python scripts print "... = R sentences/s"; keep the line, take R.
rate_of() { sed -n 's/.*= \([0-9.]*\) sentences\/s.*/\1/p' <<<"$1" | tail -n 1; }

# Other work on the machine skews every number here: the report shows the load average.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "transformers fp32 ($threads threads)"
fp32_line=$("$py" "$shared_e5" "$e5" "$work/sentences.txt" "$threads" | tail -n 1)
fp32_rate=$(rate_of "$fp32_line")
say "transformers int8 ($threads threads)"
int8_line=$("$py" "$work/e5_same_work_int8.py" "$e5" "$work/sentences.txt" "$threads" | tail -n 1)
int8_rate=$(rate_of "$int8_line")
[[ -n $fp32_rate && -n $int8_rate ]] || die "could not read the transformers rates ('$fp32_line', '$int8_line')"

precision_args=()   # the flag is only passed when asked for
if [[ -n ${VNBRIEF_PRECISION:-} ]]; then precision_args=(--precision "$VNBRIEF_PRECISION"); fi
say "vnbrief classify ($threads threads${VNBRIEF_PRECISION:+, precision $VNBRIEF_PRECISION})"
"$bin" --threads "$threads" run "$work/docs" --out "$work/out-docs" --force --quiet --format json "${precision_args[@]}"
vals=$(index "$work/out-docs" sentences classify wall)
read -r vn_sentences vn_classify vn_wall <<<"$vals"

# ---------------------------------------------------------------------------------------
# Segmentation and the rules pipeline on the corpus.
# ---------------------------------------------------------------------------------------

say "underthesea sent_tokenize over $corpus_bytes bytes"
vals=$("$py" - "$work/corpus" <<'PY'
import glob, os, sys, time
from underthesea import sent_tokenize
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.txt"), recursive=True))]
sent_tokenize("Xin chào. Tôi là Claude.")  # loads its abbreviation list, outside the clock
n, t = 0, time.perf_counter()
for text in texts:
    n += len(sent_tokenize(text))
print(f"{time.perf_counter() - t:.3f} {n}")
PY
)
read -r ut_seconds ut_sentences <<<"$vals"

say "vnbrief segment (--no-classify, JSON only)"
"$bin" --threads "$threads" run "$work/corpus" --out "$work/out-seg" --no-classify --force --quiet --format json
vals=$(index "$work/out-seg" sentences segment)
read -r seg_sentences seg_seconds <<<"$vals"
rm -rf "$work/out-seg"

say "vnbrief rules pipeline (--no-classify, JSON, Markdown, HTML)"
"$bin" --threads "$threads" run "$work/corpus" --out "$work/out-all" --no-classify --force --quiet --format json,md,html
vals=$(index "$work/out-all" wall ingest segment extract translate summarize render write)
read -r all_wall all_stages <<<"$vals"

# ---------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------
python3 - "$threads" "$torch_version" "$n_docs" "$n_sentences" "$fp32_line" "$fp32_rate" "$int8_line" "$int8_rate" \
    "$vn_sentences" "$vn_classify" "$vn_wall" "${VNBRIEF_PRECISION:-default}" \
    "$corpus_docs" "$corpus_bytes" "$ut_seconds" "$ut_sentences" "$seg_sentences" "$seg_seconds" "$all_wall" "$all_stages" \
    "$bin" "$(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC')" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
(threads, torch_version, n_docs, n_sentences, fp32_line, fp32, int8_line, int8, vn_sentences, vn_classify, vn_wall,
 precision, corpus_docs, corpus_bytes, ut_s, ut_n, seg_n, seg_s, all_wall, all_stages, bin_path, bin_date,
 load_before, load_after) = sys.argv[1:]
stages = dict(zip("ingest segment extract translate summarize render write".split(), all_stages.split()))
fp32, int8, vn_classify, vn_wall, ut_s, seg_s, all_wall = map(float, (fp32, int8, vn_classify, vn_wall, ut_s, seg_s, all_wall))
mb = int(corpus_bytes) / 1e6
vn_rate = int(vn_sentences) / vn_classify
ut_mbs, seg_mbs, all_mbs = mb / ut_s, mb / max(seg_s, 1e-3), mb / all_wall
print(f"""
vnbrief vs Python peers, {threads} threads (MB = 10^6 bytes of UTF-8 input)
vnbrief: {bin_path} built {bin_date}; peers: torch {torch_version} (CPU); load average before {load_before}, after {load_after}

Encoder, multilingual-e5-small, {n_docs} labeled documents ({n_sentences} sentences, batches of 32 sorted by length):
  transformers fp32   {fp32:8.1f} sentences/s   ({fp32_line})
  transformers int8   {int8:8.1f} sentences/s   ({int8_line})
  vnbrief classify    {vn_rate:8.1f} sentences/s   ({vn_sentences} sentences in {vn_classify:.2f} s of classify; run wall {vn_wall:.2f} s; precision {precision})
  vnbrief / transformers fp32: {vn_rate / fp32:.2f}x
  vnbrief / transformers int8: {vn_rate / int8:.2f}x

Segmentation, {corpus_docs} documents, {mb:.2f} MB:
  underthesea sent_tokenize  {ut_mbs:8.2f} MB/s   ({ut_s:.2f} s, {ut_n} sentences)
  vnbrief segment            {seg_mbs:8.2f} MB/s   ({seg_s:.3f} s, {seg_n} sentences)
  vnbrief segment / underthesea: {seg_mbs / ut_mbs:.1f}x

Rules pipeline (--no-classify; ingest, segment, extract, rules translation, briefing, JSON+Markdown+HTML):
  vnbrief run                {all_mbs:8.2f} MB/s   ({all_wall:.2f} s wall; stage seconds: {", ".join(f"{k} {v}" for k, v in stages.items())})
""")
PY
