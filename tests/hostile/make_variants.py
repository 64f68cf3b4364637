#!/usr/bin/env python3
"""Write hostile variants of every evidence file of a bundle (issue 11).

    make_variants.py SRC OUT [--big] [--only VARIANT]

For each file F of the source bundle and each variant V that applies to its
format, a bundle OUT/<n>/ is made (hard links to SRC's other files, F
replaced by the variant) and a line
    <n> <variant> <rel> <expect>
is printed.  expect says what fincheck must do besides never crashing or
hanging:
  2     the variant is malformed by its format's rules: exit 2 and an
        error "rel:LINE[:COL]: error: ..." naming the file;
  warn  exit 0 or 2, and a diagnostic (warning or error) naming the file —
        never a silent skip (binary "other text" in hosts/, binary logs);
  any   the variant may still be well-formed (a log cut at a line end, a
        Big5 comment in free text, data/ files, which are scanned as text).

Variants (deterministic):
  truncated  cut at 60 % inside a structure (plus an unclosed quote / flow
             for CSV / YAML);
  binary     4 KiB of random bytes;
  empty      a zero-length file;
  nul        a NUL byte in the middle of a line (C-string truncation bugs);
  nested     10^5 levels: YAML flow sequences, JSON arrays, XML elements;
  wide       CSV: a record of 5,000 fields (> FC_MAX_CSV_FIELDS);
  utf16      the text re-encoded as UTF-16BE without a BOM (wrong encoding);
  big5       a Big5-encoded line inserted in the middle (mixed encoding);
  big5all    the whole text re-encoded as Big5 (a legacy Windows export in
             Taiwan) where it had non-ASCII characters;
  gzbad      .gz files: the compressed stream cut in half (corrupt gzip);
  longline   --big only: one line of 70 MiB (> FC_MAX_LINE_BYTES) for a few
             representative line-oriented formats.
"""
import gzip, os, random, sys

src, out = sys.argv[1], sys.argv[2]
big = "--big" in sys.argv
only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
random.seed(20261124)

YAML = {".yaml", ".yml"}
XML = {".xml", ".nessus"}
JSON = {".json", ".jsonl", ".ndjson"}
CERT = {".pem", ".crt", ".cer"}
FW = {".asa", ".fgt", ".fortigate", ".v4", ".v6", ".rules", ".iptables"}


def ext_of(rel):
    base = rel[:-3] if rel.endswith(".gz") else rel
    return os.path.splitext(base)[1].lower()


def kind_of(rel):
    """The format family, as the loaders decide it."""
    e = ext_of(rel)
    top = rel.split("/")[0]
    if top == "data":
        return "data"
    if top == "logs":
        if rel.startswith("logs/ssh/"):
            return "sshlog"
        return "loginjson" if e in JSON else "logincsv"
    if rel == "org.yaml" or top == "records":
        return "yaml"
    if top == "scans":
        return "json" if e in JSON else "xml"
    if top == "certs":
        return "der" if e == ".cer" else "pem"
    if top == "firewall":
        return "csv" if e == ".csv" else "fwconf"
    if top == "accounts":
        return "csv" if e == ".csv" else "unix"
    if top in ("inventory", "network", "hr"):
        return "csv"
    if top == "hosts":
        name = os.path.basename(rel)
        if name == "secedit.inf":
            return "secedit"
        if name in ("sshd_config", "login.defs", "pwquality.conf", "faillock.conf", "os-release",
                    "packages.txt", "rsyslog.conf", "logrotate.conf") or "/pam.d/" in rel or \
                "/logrotate.d/" in rel or "/rsyslog.d/" in rel or "/sshd_config.d/" in rel:
            return "hostconf"
        if e == ".csv":
            return "csv"
        return "othertext"
    return "other"


def files_of(root):
    r = []
    for d, _, names in os.walk(root):
        for n in names:
            rel = os.path.relpath(os.path.join(d, n), root)
            if rel != "README.md":
                r.append(rel)
    return sorted(r)


files = files_of(src)
k = 0


def emit(variant, rel, data, expect):
    """A bundle of hard links with rel replaced by data."""
    global k
    if only and variant != only:
        return
    k += 1
    d = os.path.join(out, str(k))
    for f in files:
        p = os.path.join(d, f)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if f != rel:
            os.link(os.path.join(src, f), p)
    with open(os.path.join(d, rel), "wb") as fh:
        fh.write(data)
    print(k, variant, rel, expect, flush=True)


def truncated(data, kind):
    cut = len(data) * 6 // 10
    if kind == "yaml":
        return data[:cut] + b"\n  - [unclosed, \"quote\n"
    if kind in ("csv", "logincsv"):
        return data[:cut] + b"\n\"unterminated"
    if kind == "pem":
        # inside the base64 body: the END line is gone
        return data[:cut]
    return data[:cut]


def nested(kind, data):
    """10^5 levels inside the file's own top level, so that the format's
    parser (not its sniffer) meets them."""
    n = 100000
    if kind == "yaml":
        # a record whose field is nested: records/ and org.yaml read maps
        return b"- type: training\n  date: 2026-01-01\n  attendees: " + b"[" * n + b"]" * n + b"\n"
    if kind == "json":
        return b"{\"SchemaVersion\": 2, \"Results\": " + b"[" * n + b"]" * n + b"}\n"
    if kind == "loginjson":
        return b"{\"time\": " + b"[" * n + b"]" * n + b"}\n"
    if kind == "xml":
        # keep the prolog and the root element's start tag
        i = 0
        while True:
            i = data.find(b"<", i)
            if i < 0 or data[i + 1:i + 2] not in (b"?", b"!"):
                break
            i += 1
        if i < 0:
            return None
        j = data.find(b">", i)
        name = data[i + 1:j].split()[0].rstrip(b"/")
        return data[:j + 1] + b"\n" + b"<a>" * n + b"</a>" * n + b"\n</" + name + b">\n"
    return None


def plain(data):
    """The decompressed content of a .gz file, else the bytes."""
    try:
        return gzip.decompress(data)
    except OSError:
        return data


def regz(rel, data):
    return gzip.compress(data, mtime=0) if rel.endswith(".gz") else data


# What each family must do with each variant.  Free text (data/) may take
# any bytes; a host's "other text" file and a binary log must at least be
# named in a diagnostic.
STRICT = {"yaml", "csv", "xml", "json", "pem", "der", "fwconf", "unix", "secedit", "logincsv", "loginjson"}


def expect_for(variant, kind, rel):
    if kind == "data":
        return "any"
    if variant == "truncated":
        # a config or log cut at 60 % is usually still well-formed line by line
        if kind in ("yaml", "csv", "logincsv", "xml", "json", "pem", "der"):
            return "2"
        return "any"
    if variant == "binary":
        if kind in ("othertext", "sshlog"):
            return "warn"
        return "2"
    if variant == "empty":
        # an empty org.yaml has no name; an empty table has no header; any
        # other empty evidence file must at least be named (a firewall with
        # no configuration is not a firewall with no rules)
        if rel == "org.yaml" or kind in ("csv", "xml", "json", "pem", "der"):
            return "2"
        return "warn"
    if variant in ("nested", "wide"):
        return "2"
    if variant == "utf16":
        if kind == "othertext":
            return "warn"
        return "2" if kind in STRICT or kind in ("hostconf", "sshlog") else "any"
    if variant == "big5":
        # one Big5 line in a format that is UTF-8 by definition
        if kind in ("yaml", "json", "loginjson"):
            return "2"
        return "any"
    if variant == "big5all":
        # a whole table or document in Big5: its text would be garbage
        if kind in ("yaml", "json", "loginjson", "csv", "logincsv"):
            return "2"
        return "any"
    if variant == "nul":
        return "any"
    if variant == "gzbad":
        return "2"
    if variant == "longline":
        return "2"
    return "any"


for rel in files:
    raw = open(os.path.join(src, rel), "rb").read()
    data = plain(raw) if rel.endswith(".gz") else raw
    kind = kind_of(rel)

    def put(variant, content, compress=True):
        emit(variant, rel, regz(rel, content) if compress else content, expect_for(variant, kind, rel))

    put("truncated", truncated(data, kind))
    put("binary", bytes(random.getrandbits(8) for _ in range(4096)), compress=False)
    put("empty", b"", compress=False)
    nl = data.find(b"\n", len(data) // 2)
    if nl > 0 and kind not in ("der",):
        put("nul", data[:nl - 1] + b"\x00" + data[nl - 1:])
    nd = nested(kind, data)
    if nd is not None:
        put("nested", nd)
    if kind in ("csv", "logincsv"):
        hdr = data.split(b"\n", 1)[0]
        put("wide", hdr + b"\n" + b"x," * 5000 + b"x\n")
    try:
        txt = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        txt = None
    if txt is not None and kind != "der":
        put("utf16", txt.encode("utf-16-be"))
        if nl > 0:
            put("big5", data[:nl + 1] + "備註：測試資料\n".encode("big5") + data[nl + 1:])
        if any(ord(c) > 127 for c in txt):
            b5 = txt.encode("big5", errors="replace")
            if b5 != data:
                put("big5all", b5)
    if rel.endswith(".gz"):
        put("gzbad", raw[: len(raw) // 2], compress=False)
    if big and kind in ("csv", "sshlog", "logincsv", "fwconf") and rel in (
            "inventory/hosts.csv", "logs/ssh/web01-auth.log", "logs/login/etrade-web-202610.csv",
            "firewall/web01.rules"):
        put("longline", data + b"x" * (70 * 1024 * 1024) + b"\n")
