#!/usr/bin/env python3
"""Legacy-encoding detection and conversion on text from outside the corpus.

The corpus variants are the five reports re-encoded. This benchmark takes
Vietnamese text of another register (by default the LibreOffice help of
`libreoffice-help-vi`, which tools/setup.sh installs), writes every line in
each legacy encoding with the tables of normalize/data/legacy/, and runs
`baocao repair --no-lost-chars` on each variant without font names, so the
encoding of every line has to be detected. A line is right when its repair
equals the repair of the clean line (the other passes act on both alike).

  tools/bench/legacy_bench.py [--baocao build/tools/baocao] [--lines 20000]
                              [--show 5] [--min-right 0.99] [TEXT ...]

Variants: one per table ("tcvn3" sets words in capitals with the H-font
table, as a typist does; "tcvn3_h" is the text in capitals, all of it in an
H font), and "mixed", where consecutive lines take the encodings in turn.
A line holding a character the encoding cannot write ("…" is a letter's
byte in VISCII) is left out of that variant. It also reports how many lines
of the clean text, and of the clean text in capitals, the legacy pass
changed: it must never fire on Unicode text.

With --min-right R it is a test (ctest runs it so): it exits 1 if a
variant has fewer than R of its lines right or the pass changed a clean
line; 77 (skipped) if there is no text to read.
"""
import argparse
import glob
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TABLES = ["tcvn3", "tcvn3_h", "vni", "viscii", "cp1258", "tcvn5712_1"]
MIXED = ["tcvn3", "vni", "viscii", "cp1258", "tcvn5712_1"]
VIETNAMESE = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def table(name):
    rows = {}
    path = os.path.join(ROOT, "normalize", "data", "legacy", name + ".tsv")
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > 3 and "decode-only" in fields[3]:
            continue
        rows.setdefault(fields[0], fields[2])
    return rows


def help_text():
    pattern = "/usr/share/libreoffice/help/vi/text/**/*.html"
    for path in sorted(glob.glob(pattern, recursive=True)):
        page = open(path, encoding="utf-8", errors="replace").read()
        page = re.sub(r"<(script|style).*?</\1>", "", page, flags=re.S)
        yield from html.unescape(re.sub(r"<[^>]+>", "\n", page)).split("\n")


def clean_lines(sources, limit):
    seen, lines = set(), []
    texts = (open(p, encoding="utf-8", errors="replace").read().split("\n") for p in sources) if sources else [help_text()]
    for text in texts:
        for line in text:
            line = re.sub(r"\s+", " ", unicodedata.normalize("NFC", line)).strip()
            if "\ufffd" in line or sum(c in VIETNAMESE for c in line.lower()) < 3 or line in seen:
                continue
            seen.add(line)
            lines.append(line)
            if len(lines) == limit:
                return lines
    return lines


def encode(line, name, tables):
    """The line as a WinAnsi text layer shows it in `name`, or None."""
    if name == "tcvn3":
        words = re.split(r"(\W+)", line)
        out = "".join("".join((tables["tcvn3_h"] if len(w) > 1 and w.isupper() else tables["tcvn3"]).get(c, c)
                              for c in w) for w in words)
        written = set(tables["tcvn3"]) | set(tables["tcvn3_h"])
    else:
        out = "".join(tables[name].get(c, c) for c in line)
        written = set(tables[name])
    # Every character is ASCII or a letter the table writes: a legacy font
    # has no other ("…", "“" and "©" are letters' bytes in some of them).
    return None if any(ord(c) >= 128 and c not in written for c in line) else out


def repair(baocao, lines, json_out=False):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        path = f.name
    try:
        args = [baocao, "repair", "--no-lost-chars"] + (["--json"] if json_out else []) + [path]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    if json_out:
        return [json.loads(l) for l in out.splitlines()]
    return out.split("\n")[: len(lines)]


def legacy_fires(records):
    return sum(1 for r in records if any(c["pass"] == "legacy" for c in r["changes"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baocao", default=os.path.join(ROOT, "build", "tools", "baocao"))
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--show", type=int, default=0, help="wrong lines to print per variant")
    parser.add_argument("--min-right", type=float, help="fail below this share of lines right")
    parser.add_argument("text", nargs="*", help="UTF-8 text files (default: the LibreOffice help)")
    args = parser.parse_args()
    tables = {name: table(name) for name in TABLES}
    clean = clean_lines(args.text, args.lines)
    if not clean:
        print("legacy_bench: no Vietnamese text to read (install libreoffice-help-vi, or name files)")
        return 77
    upper = [l.upper() for l in clean]
    print(f"{len(clean)} lines, {sum(len(l) for l in clean)} characters")
    # The clean text's repair is both the reference and the check that the
    # pass leaves Unicode alone.
    records = {False: repair(args.baocao, clean, True), True: repair(args.baocao, upper, True)}
    repaired = {capitals: [r["text"] for r in rs] for capitals, rs in records.items()}
    fires = legacy_fires(records[False]) + legacy_fires(records[True])
    print(f"clean text and clean text in capitals: legacy pass fired on {fires} lines")
    failed = fires > 0
    print("| variant | lines | skipped | right | wrong |")
    print("|---|---|---|---|---|")
    for name in TABLES + ["mixed"]:
        capitals = name == "tcvn3_h"
        source = upper if capitals else clean
        kept, variant = [], []
        for i, line in enumerate(source):
            encoded = encode(line, MIXED[i % len(MIXED)] if name == "mixed" else name, tables)
            if encoded is not None and encoded != line:
                kept.append(i)
                variant.append(encoded)
        got = repair(args.baocao, variant)
        wrong = [(variant[k], got[k], repaired[capitals][i]) for k, i in enumerate(kept) if got[k] != repaired[capitals][i]]
        right = len(kept) - len(wrong)
        print(f"| {name} | {len(kept)} | {len(source) - len(kept)} | {100 * right / max(len(kept), 1):.2f}% | {len(wrong)} |")
        for shown, got_line, want in wrong[: args.show]:
            print(f"    in   {shown[:100]}\n    got  {got_line[:100]}\n    want {want[:100]}")
        if args.min_right is not None and right < args.min_right * len(kept):
            print(f"legacy_bench: {name} has {right} of {len(kept)} lines right, under {args.min_right:.2f}")
            failed = True
    return 1 if failed and args.min_right is not None else 0


if __name__ == "__main__":
    sys.exit(main())
