#!/usr/bin/env python3
"""Stray spaces inside syllables ("huy ện", "đ ầu"): how many the
split_syllables pass joins back, and how often it joins what was never split.

One line in three of a clean text gets a space at a random place inside one
of its words of two letters or more. `baocao repair --json` repairs the text
so damaged (the other lines stay clean, as in a real text layer); a join is
right when it removes a space the benchmark put in. The same repair of the
clean text shows the joins made where no space was stray: single letters
that name things ("phân bố t", "chữ b in đậm") are the usual trap.

  tools/bench/stray_space_bench.py [--baocao build/tools/baocao]
      [--split dev|test|all] [--help-half 0|1] [--ui] [--seeds 2] [--show N]
      [--threshold 0.9] [--min-joined J --min-precision P] [TEXT ...]

Texts: the corpus split's truth (--split; dev is 001 and 002, tune there;
test is 000 and 003, report there); with --help-half H, the half H of the
distinct lines of the LibreOffice help (libreoffice-help-vi), even lines for
0, odd for 1; with --ui, the strings of LibreOffice's Vietnamese interface
(libreoffice-l10n-vi, which the help needs), less those the help also holds.
The built-in model was trained on the dev split and the help, never on the
test split or the interface strings: report on those. Further plain-text
files may be named. Each of --seeds damages the text anew.

Reports, for joins at the stray spaces and elsewhere: how many were made, how
many of them at or above the review threshold, and the precision there.
With --min-joined J --min-precision P it is a test (ctest runs it so): it
exits 1 if fewer than J of the stray spaces are joined at or above the
threshold, or the joins there are right less often than P; 77 (skipped) if
there is no text to read.
"""
import argparse
import gettext
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legacy_bench  # noqa: E402  (its reader of the LibreOffice help)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SPLITS = {"dev": ["001", "002"], "test": ["000", "003"], "all": ["000", "001", "002", "003"]}
LETTER = re.compile(r"[^\W\d_]{2,}")


def plain_truth(path):
    """The corpus truth without its markup, a paragraph per line (as repair_bench reads it)."""
    lines = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith(":::") or line.startswith("@"):
            continue
        line = line.lstrip("# ")
        line = line.replace("<br>", " ")
        line = re.sub(r"\[\^[^\]]*\]:?", "", line)
        line = re.sub(r"[|\t]", " ", line)
        line = re.sub(r" +", " ", line).strip()
        if line:
            lines.append(line)
    return lines


def interface_strings(exclude):
    """LibreOffice's Vietnamese interface strings, accelerator marks taken out."""
    lines, seen = [], set(exclude)
    for path in sorted(glob.glob("/usr/lib/libreoffice/program/resource/vi/LC_MESSAGES/*.mo")):
        with open(path, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        for text in catalog.values():
            if not isinstance(text, str):
                continue
            for line in text.replace("_", "").replace("~", "").split("\n"):
                line = re.sub(r"\s+", " ", line).strip()
                if line and line not in seen and not line.isascii():
                    seen.add(line)
                    lines.append(line)
    return lines


def damage(lines, rng):
    """Lines with a stray space in one word of one line in three, and where
    each space went (byte offset in the damaged line, or None)."""
    out, where = [], []
    for line in lines:
        words = list(LETTER.finditer(line))
        if not words or rng.random() >= 1 / 3:
            out.append(line)
            where.append(None)
            continue
        word = rng.choice(words)
        cut = rng.randrange(word.start() + 1, word.end())
        damaged = line[:cut] + " " + line[cut:]
        out.append(damaged)
        where.append(len(damaged[:cut].encode("utf-8")))
    return out, where


def repair(baocao, lines):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        path = f.name
    try:
        run = subprocess.run([baocao, "repair", "--json", path], capture_output=True, text=True, check=True)
    finally:
        os.unlink(path)
    return [json.loads(line) for line in run.stdout.splitlines()]


def joins(record):
    return [c for c in record.get("changes", []) if c["pass"] == "split_syllables"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baocao", default=os.path.join(ROOT, "build", "tools", "baocao"))
    parser.add_argument("--split", choices=sorted(SPLITS), default="test")
    parser.add_argument("--help-half", type=int, choices=[0, 1])
    parser.add_argument("--ui", action="store_true")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--min-joined", type=float)
    parser.add_argument("--min-precision", type=float)
    parser.add_argument("texts", nargs="*")
    args = parser.parse_args()

    lines = []
    for doc in SPLITS[args.split]:
        lines += plain_truth(os.path.join(ROOT, "corpus", "source", doc + ".txt"))
    help_lines = legacy_bench.clean_lines([], 10 ** 6) if args.help_half is not None or args.ui else []
    if args.help_half is not None:
        lines += help_lines[args.help_half::2]
    if args.ui:
        lines += interface_strings(help_lines)
    for path in args.texts:
        lines += [l.strip() for l in open(path, encoding="utf-8") if l.strip()]
    if not lines:
        print("no text to read", file=sys.stderr)
        return 77

    clean = repair(args.baocao, lines)
    clean_text = [r["text"] for r in clean]
    stray, restored_lines = 0, 0
    right = {"all": 0, "sure": 0}
    wrong = {"all": 0, "sure": 0}
    by_confidence = [[0, 0] for _ in range(10)]  # [right, made] per tenth
    shown = []
    for seed in range(args.seeds):
        damaged, where = damage(lines, random.Random(seed))
        stray += sum(w is not None for w in where)
        for i, (w, record) in enumerate(zip(where, repair(args.baocao, damaged))):
            for change in joins(record):
                begin, end = change["source"]
                good = w is not None and begin < w < end
                sure = change["confidence"] >= args.threshold
                for key in ("all", "sure") if sure else ("all",):
                    (right if good else wrong)[key] += 1
                tenth = by_confidence[min(int(change["confidence"] * 10), 9)]
                tenth[0] += good
                tenth[1] += 1
                if not good and len(shown) < args.show:
                    shown.append(f"  wrong join {change['confidence']:.3f}: {change['before']!r} -> "
                                 f"{change['after']!r} in: {damaged[i][:120]}")
            restored_lines += w is not None and record["text"] == clean_text[i]
    false_clean = {"all": 0, "sure": 0}
    for i, record in enumerate(clean):
        for change in joins(record):
            false_clean["all"] += 1
            false_clean["sure"] += change["confidence"] >= args.threshold
            if len(shown) < args.show:
                shown.append(f"  join in clean text {change['confidence']:.3f}: {change['before']!r} -> "
                             f"{change['after']!r} in: {lines[i][:120]}")

    def precision(key):
        made = right[key] + wrong[key]
        return f"{100 * right[key] / made:.2f}%" if made else "n/a"

    print(f"lines {len(lines)}, seeds {args.seeds}, stray spaces {stray}")
    print(f"stray spaces joined: {right['all']} ({100 * right['all'] / max(stray, 1):.2f}%), "
          f"at or above {args.threshold}: {right['sure']} ({100 * right['sure'] / max(stray, 1):.2f}%); "
          f"lines restored exactly: {restored_lines}")
    print(f"joins elsewhere in the damaged text: {wrong['all']}, at or above {args.threshold}: {wrong['sure']}")
    print(f"precision of joins: all {precision('all')}, at or above {args.threshold} {precision('sure')}")
    print("right/made by confidence: " + " ".join(f"{k / 10:.1f}: {r}/{n}" for k, (r, n) in enumerate(by_confidence) if n))
    print(f"joins in the clean text: {false_clean['all']}, at or above {args.threshold}: {false_clean['sure']} "
          f"(a clean text may hold stray spaces of its own)")
    for line in shown:
        print(line)
    failed = False
    if args.min_joined is not None and right["sure"] < args.min_joined * stray:
        print(f"FAIL: {right['sure']} of {stray} stray spaces joined at or above {args.threshold}, "
              f"under {args.min_joined:.2%}")
        failed = True
    made = right["sure"] + wrong["sure"]
    if args.min_precision is not None and made and right["sure"] < args.min_precision * made:
        print(f"FAIL: {right['sure']} of {made} joins at or above {args.threshold} right, under {args.min_precision:.2%}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
