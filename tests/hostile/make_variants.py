#!/usr/bin/env python3
"""Write hostile variants of every evidence file of a bundle (issue 11).

For each file F of the source bundle and each variant V, a bundle copy is made
under OUT/<n>/ with F replaced by the variant, and a line
    <n> <variant> <rel> <expect>
is printed, where expect is "2" (the file is malformed in a way the format
defines, so fincheck must exit 2 naming it) or "any" (the variant may still be
well-formed, e.g. a log cut at a line end: no crash, no hang is required).

Variants: truncated (cut inside a structure), binary (random bytes),
nested (10^5 levels for YAML/JSON/XML), encoding (UTF-16BE without BOM, and
Latin-1/Big5 bytes), longline (one 70 MB line, only with --big).
"""
import os, random, shutil, sys

src, out = sys.argv[1], sys.argv[2]
big = "--big" in sys.argv
random.seed(20261124)

STRUCT = {".csv", ".yaml", ".yml", ".xml", ".nessus", ".json", ".jsonl", ".asa", ".fgt", ".fortigate",
          ".v4", ".v6", ".rules", ".iptables", ".inf", ".pem", ".crt", ".cer"}

def ext_of(rel):
    base = rel[:-3] if rel.endswith(".gz") else rel
    return os.path.splitext(base)[1].lower()

def free_text(rel):
    # data/ and arbitrary host files are scanned as text: any bytes are "valid"
    return rel.startswith("data/") or rel.startswith("logs/")

files = []
for root, _, names in os.walk(src):
    for n in sorted(names):
        p = os.path.join(root, n)
        rel = os.path.relpath(p, src)
        if rel in ("README.md",) or rel.endswith(".gz"):
            continue
        files.append(rel)
files.sort()

def truncated(data, ext):
    cut = len(data) * 6 // 10
    if ext in (".yaml", ".yml"):
        # cut inside an opened flow sequence or quoted scalar so the YAML is broken
        return data[:cut] + b"\n  - [unclosed, \"quote\n"
    if ext == ".csv":
        return data[:cut] + b"\n\"unterminated"
    if ext in (".xml", ".nessus"):
        return data[:cut]
    return data[:cut]

def nested(ext):
    n = 100000
    if ext in (".yaml", ".yml"):
        return b"[" * n + b"]" * n
    if ext in (".json", ".jsonl"):
        return b"[" * n + b"]" * n
    if ext in (".xml", ".nessus"):
        return b"<?xml version=\"1.0\"?>" + b"<a>" * n + b"</a>" * n
    return None

k = 0
def emit(variant, rel, data, expect):
    global k
    k += 1
    d = os.path.join(out, str(k))
    shutil.copytree(src, d)
    with open(os.path.join(d, rel), "wb") as f:
        f.write(data)
    print(k, variant, rel, expect)

for rel in files:
    ext = ext_of(rel)
    data = open(os.path.join(src, rel), "rb").read()
    structured = ext in STRUCT and not free_text(rel)
    if rel == "org.yaml":
        structured = True
    emit("truncated", rel, truncated(data, ext), "2" if structured and ext not in (".pem", ".crt", ".cer") else "any")
    emit("binary", rel, bytes(random.getrandbits(8) for _ in range(4096)), "2" if not free_text(rel) else "any")
    nd = nested(ext)
    if nd is not None:
        emit("nested", rel, nd, "2")
    try:
        txt = data.decode("utf-8")
        emit("encoding", rel, txt.encode("utf-16-be"), "2" if not free_text(rel) else "any")
    except UnicodeDecodeError:
        pass
    emit("big5", rel, data[: len(data) // 2] + "\n測試\n".encode("big5") + data[len(data) // 2:],
         "2" if structured or ext in (".csv", ".yaml", ".yml") else "any")
    if big and ext in (".csv", ".yaml"):
        emit("longline", rel, b"x" * (70 * 1024 * 1024), "2")
