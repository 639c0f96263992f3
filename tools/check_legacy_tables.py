#!/usr/bin/env python3
"""Check the legacy Vietnamese encoding tables in normalize/data/legacy/.

Standard library only. For every table it checks:
  * the file parses (TAB-separated, 3 or 4 fields, hex bytes, one NFC code point per letter);
  * the winansi column equals the bytes decoded as Windows-1252 (undefined bytes and C0 bytes as
    the control character itself) and the note flags match the bytes (c0-control,
    cp1252-undefined, nbsp, soft-hyphen);
  * every Vietnamese letter the encoding covers has exactly one (non decode-only) row, and no row
    is an ASCII identity;
  * byte sequences are unique, and multi-byte tables tokenize unambiguously (a byte that can follow
    inside a sequence never starts one and is never ASCII), so decoding is greedy longest-match;
  * encode then decode is the identity, letter by letter and on sample texts, and decoding known
    legacy samples gives the expected Unicode;
  * table-specific structure (VNI capitals = Latin-1 capitals of the lowercase bytes; TCVN3 rows
    equal in TCVN5712-1; the .VnTimeH table puts toned capitals on the lowercase codes), and
    CP1258 rows decode to their letter through Python's own cp1258 codec plus NFC;
  * for VISCII, CP1258 and TCVN5712-1: agreement with glibc iconv in both directions, and every
    byte iconv decodes to a listed letter is listed.

Exit status 0 when everything passes, 1 on any failure (each failure is printed), 2 on a usage
or environment problem (e.g. iconv missing; pass --no-iconv to skip those checks).
"""

import argparse
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, os.pardir, "normalize", "data", "legacy")

TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # none, acute, grave, hook, tilde, dot
BASES = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]


def nfc(s):
    return unicodedata.normalize("NFC", s)


LOWER = [nfc(b + t) for b in BASES for t in TONES] + ["đ"]
UPPER = [c.upper() for c in LOWER]
# The 134 non-ASCII Vietnamese letters (plain a e i o u y and capitals are ASCII).
VIET = [c for c in LOWER + UPPER if not c.isascii()]
VIET_SET = set(VIET)
PLAIN_CAPITALS = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
TONED_CAPITALS = [c for c in UPPER if not c.isascii() and c not in PLAIN_CAPITALS]

CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
KNOWN_FLAGS = {"decode-only", "c0-control", "cp1252-undefined", "nbsp", "soft-hyphen"}

# name -> (file, letters the encoding covers, iconv charset or None)
TABLES = {
    "tcvn3": ("tcvn3.tsv", [c for c in VIET if c.islower()] + PLAIN_CAPITALS, None),
    "tcvn3_h": ("tcvn3_h.tsv", [c for c in VIET if c.isupper()], None),
    "vni": ("vni.tsv", VIET, None),
    "viscii": ("viscii.tsv", VIET, "VISCII"),
    "cp1258": ("cp1258.tsv", VIET, "CP1258"),
    "tcvn5712_1": ("tcvn5712_1.tsv", VIET, "TCVN5712-1"),
}

SAMPLE_UNICODE = "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"
# (table, legacy text as a Windows-1252 program shows it, expected Unicode)
LEGACY_SAMPLES = [
    ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("tcvn3_h", "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("tcvn3_h", "céng hoµ x· héi chñ nghÜa viÖt nam", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("vni", "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("vni", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
]


class Table:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.rows = []  # (lineno, unicode, bytes, winansi, flags)

    def encode_rows(self):
        return [r for r in self.rows if "decode-only" not in r[4]]


def winansi(data):
    out = []
    for b in data:
        if b in CP1252_UNDEFINED:
            out.append(chr(b))
        else:
            out.append(bytes([b]).decode("cp1252"))
    return "".join(out)


def expected_flags(data):
    f = set()
    if any(b < 0x20 for b in data):
        f.add("c0-control")
    if any(b in CP1252_UNDEFINED for b in data):
        f.add("cp1252-undefined")
    if 0xA0 in data:
        f.add("nbsp")
    if 0xAD in data:
        f.add("soft-hyphen")
    return f


def load(name, path, errors):
    t = Table(name, path)
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{name}: not UTF-8: {e}")
        return t
    if not text.startswith("#"):
        errors.append(f"{name}: missing '#' comment header")
    # Split on LF only: winansi cells may contain C0/C1 control characters.
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            errors.append(f"{name}:{lineno}: CR line ending")
            line = line[:-1]
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (3, 4):
            errors.append(f"{name}:{lineno}: expected 3 or 4 TAB-separated fields, got {len(cells)}")
            continue
        uni, hexs, wa = cells[:3]
        flags = set(cells[3].split(",")) if len(cells) == 4 else set()
        if len(cells) == 4 and not cells[3]:
            errors.append(f"{name}:{lineno}: empty note field (omit the 4th field instead)")
        if len(uni) != 1 or nfc(uni) != uni:
            errors.append(f"{name}:{lineno}: unicode cell {uni!r} is not one NFC code point")
            continue
        try:
            toks = hexs.split(" ")
            if not toks or any(len(x) != 2 for x in toks):
                raise ValueError
            data = bytes(int(x, 16) for x in toks)
        except ValueError:
            errors.append(f"{name}:{lineno}: bad bytes cell {hexs!r}")
            continue
        if hexs != data.hex(" ").upper():
            errors.append(f"{name}:{lineno}: bytes cell {hexs!r} should be written {data.hex(' ').upper()!r}")
        if wa != winansi(data):
            errors.append(f"{name}:{lineno}: winansi {wa!r} != cp1252 view of {hexs} {winansi(data)!r}")
        unknown = flags - KNOWN_FLAGS
        if unknown:
            errors.append(f"{name}:{lineno}: unknown note flag(s) {sorted(unknown)}")
        if (flags - {"decode-only"}) != expected_flags(data):
            errors.append(f"{name}:{lineno}: note flags {sorted(flags - {'decode-only'})} "
                          f"should be {sorted(expected_flags(data))} for bytes {hexs}")
        t.rows.append((lineno, uni, data, wa, flags))
    return t


class Codec:
    """Greedy longest-match decoder and encoder built from a table."""

    def __init__(self, table):
        self.dec = {}
        self.enc = {}
        for _, uni, data, _, flags in table.rows:
            self.dec[data] = uni
            if "decode-only" not in flags:
                self.enc[uni] = data
        self.maxlen = max((len(k) for k in self.dec), default=1)

    def decode(self, data):
        out, i = [], 0
        while i < len(data):
            for n in range(min(self.maxlen, len(data) - i), 0, -1):
                chunk = data[i:i + n]
                if chunk in self.dec:
                    out.append(self.dec[chunk])
                    i += n
                    break
            else:
                b = data[i]
                if b >= 0x80:
                    raise ValueError(f"byte {b:02X} at offset {i} is not in the table")
                out.append(chr(b))
                i += 1
        return "".join(out)

    def encode(self, text):
        out = bytearray()
        for ch in nfc(text):
            if ch in self.enc:
                out += self.enc[ch]
            elif ch.isascii():
                out += ch.encode("ascii")
            else:
                raise ValueError(f"{ch!r} U+{ord(ch):04X} is not encodable")
        return bytes(out)


def check_table(t, covered, errors):
    name = t.name
    enc_rows = t.encode_rows()
    # exactly one encode row per covered letter, nothing else
    seen = {}
    for lineno, uni, data, _, _ in enc_rows:
        seen.setdefault(uni, []).append(lineno)
    for ch in covered:
        n = len(seen.get(ch, []))
        if n != 1:
            errors.append(f"{name}: letter {ch} (U+{ord(ch):04X}) has {n} entries, expected 1"
                          + (f" (lines {seen[ch]})" if n else ""))
    for ch, lines in seen.items():
        if ch not in covered:
            errors.append(f"{name}: line {lines[0]}: {ch} (U+{ord(ch):04X}) is not a letter this encoding covers")
    for lineno, uni, data, _, flags in t.rows:
        if uni.isascii() and data == uni.encode("ascii"):
            errors.append(f"{name}:{lineno}: ASCII identity row {uni} should be implied, not listed")
        if "decode-only" in flags and uni not in VIET_SET and not uni.isascii():
            errors.append(f"{name}:{lineno}: decode-only row for non-letter {uni!r}")
    # unique byte sequences (decode direction unambiguous)
    by_bytes = {}
    for lineno, uni, data, _, _ in t.rows:
        by_bytes.setdefault(data, []).append((lineno, uni))
    for data, who in by_bytes.items():
        if len(who) > 1:
            errors.append(f"{name}: bytes {data.hex(' ').upper()} used by "
                          + ", ".join(f"{u} (line {l})" for l, u in who))
    # tokenization: bytes inside a sequence never start one and are never ASCII
    starts = {d[0] for d in by_bytes}
    inner = {b for d in by_bytes for b in d[1:]}
    for b in sorted(inner & starts):
        errors.append(f"{name}: byte {b:02X} is both a trailing mark byte and the start of an entry")
    for b in sorted(x for x in inner if x < 0x80):
        errors.append(f"{name}: trailing byte {b:02X} is ASCII")
    for data in by_bytes:
        if len(data) > 1:
            head = data[:1]
            if not (head in by_bytes or (head[0] < 0x80 and chr(head[0]).isalpha())):
                errors.append(f"{name}: sequence {data.hex(' ').upper()} starts with neither a letter nor a listed byte")
    # round trip
    codec = Codec(t)
    for lineno, uni, data, _, _ in enc_rows:
        try:
            if codec.encode(uni) != data or codec.decode(data) != uni:
                errors.append(f"{name}:{lineno}: round trip fails for {uni}")
        except ValueError as e:
            errors.append(f"{name}:{lineno}: round trip fails for {uni}: {e}")
    for lineno, uni, data, _, flags in t.rows:
        if "decode-only" in flags and codec.decode(data) != uni:
            errors.append(f"{name}:{lineno}: decode-only row does not decode to {uni}")
    text = " ".join(covered) + " " + "".join(covered)
    try:
        if codec.decode(codec.encode(text)) != text:
            errors.append(f"{name}: round trip of all letters as one text fails")
    except ValueError as e:
        errors.append(f"{name}: round trip of all letters as one text fails: {e}")
    sample = SAMPLE_UNICODE.upper() if name == "tcvn3_h" else SAMPLE_UNICODE
    try:
        if codec.decode(codec.encode(sample)) != sample:
            errors.append(f"{name}: round trip of sample text fails")
    except ValueError as e:
        errors.append(f"{name}: round trip of sample text fails: {e}")
    return codec


def check_structure(tables, errors):
    if "vni" in tables:
        enc = Codec(tables["vni"]).enc
        for lo in LOWER:
            if lo.isascii():
                continue
            up = lo.upper()
            if lo not in enc:
                continue  # already reported as missing
            want = enc[lo].decode("latin-1").upper().encode("latin-1")
            if enc.get(up) != want:
                errors.append(f"vni: {up} should be the Latin-1 capital of {lo} "
                              f"({want.hex(' ').upper()}), is {enc.get(up, b'').hex(' ').upper()}")
    if "tcvn3" in tables and "tcvn5712_1" in tables:
        v1 = Codec(tables["tcvn5712_1"]).enc
        for ch, data in Codec(tables["tcvn3"]).enc.items():
            if v1.get(ch) != data:
                errors.append(f"tcvn3 vs tcvn5712_1: {ch} is {data.hex().upper()} in TCVN3 but "
                              f"{v1.get(ch, b'').hex().upper()} in VN1 (VN3 must be a subset of VN1)")
    if "tcvn3" in tables and "tcvn3_h" in tables:
        v3 = Codec(tables["tcvn3"]).enc
        h = Codec(tables["tcvn3_h"])
        for up in TONED_CAPITALS:
            if h.enc.get(up) != v3.get(up.lower()):
                errors.append(f"tcvn3_h: {up} should sit at the TCVN3 code of {up.lower()}")
        for up in PLAIN_CAPITALS:
            if h.enc.get(up) != v3.get(up):
                errors.append(f"tcvn3_h: {up} should keep its TCVN3 code")
            if h.dec.get(v3.get(up.lower())) != up:
                errors.append(f"tcvn3_h: the lowercase code of {up.lower()} should decode to {up}")
        for c in "abcdefghijklmnopqrstuvwxyz":
            if h.dec.get(c.encode()) != c.upper():
                errors.append(f"tcvn3_h: ASCII {c} should decode to {c.upper()} (capital-only font)")


def check_python_cp1258(tables, errors):
    """Independent of iconv: Python's cp1258 codec followed by NFC must give each letter."""
    if "cp1258" not in tables:
        return
    for lineno, uni, data, _, _ in tables["cp1258"].rows:
        try:
            got = nfc(data.decode("cp1258"))
        except UnicodeDecodeError as e:
            errors.append(f"cp1258:{lineno}: Python cp1258 codec cannot decode {data.hex(' ').upper()}: {e}")
            continue
        if got != uni:
            errors.append(f"cp1258:{lineno}: Python cp1258 codec + NFC gives {got!r}, table has {uni}")


def check_samples(tables, errors):
    for name, shown, want in LEGACY_SAMPLES:
        if name not in tables:
            continue
        try:
            got = Codec(tables[name]).decode(shown.encode("cp1252"))
        except ValueError as e:
            errors.append(f"{name}: sample {shown!r} does not decode: {e}")
            continue
        if got != want:
            errors.append(f"{name}: sample {shown!r} decodes to {got!r}, expected {want!r}")


def run_iconv(args, data):
    p = subprocess.run(["iconv"] + args, input=data, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace").strip()


def check_iconv(t, charset, errors):
    name = t.name
    rows = t.encode_rows()
    letters = [r[1] for r in rows]
    # encode direction: one letter per line
    rc, out, err = run_iconv(["-f", "UTF-8", "-t", charset], "\n".join(letters).encode("utf-8") + b"\n")
    if rc != 0:
        errors.append(f"{name}: iconv -t {charset} failed: {err}")
    else:
        got = out.split(b"\n")[:-1]
        if len(got) != len(rows):
            errors.append(f"{name}: iconv -t {charset} returned {len(got)} lines for {len(rows)} letters")
        for (lineno, uni, data, _, _), g in zip(rows, got):
            if g != data:
                errors.append(f"{name}:{lineno}: {uni} table {data.hex(' ').upper()} "
                              f"but iconv -t {charset} gives {g.hex(' ').upper()}")
    # decode direction: one byte sequence per line
    rc, out, err = run_iconv(["-f", charset, "-t", "UTF-8"], b"\n".join(r[2] for r in rows) + b"\n")
    if rc != 0:
        errors.append(f"{name}: iconv -f {charset} failed: {err}")
    else:
        got = out.decode("utf-8").split("\n")[:-1]
        for (lineno, uni, data, _, _), g in zip(rows, got):
            if g != uni:
                errors.append(f"{name}:{lineno}: bytes {data.hex(' ').upper()} table {uni} "
                              f"but iconv -f {charset} gives {g!r}")
    # completeness: every single byte iconv decodes to a Vietnamese letter is in the table
    listed = {r[2]: r[1] for r in t.rows}
    probe = b"".join(bytes([b]) + b"\n" for b in range(256) if b != 0x0A)
    rc, out, err = run_iconv(["-c", "-f", charset, "-t", "UTF-8"], probe)
    got = out.decode("utf-8", "replace").split("\n")
    byte_list = [b for b in range(256) if b != 0x0A]
    if len(got) < len(byte_list):
        errors.append(f"{name}: iconv -f {charset} byte probe returned {len(got)} lines")
        return
    for b, g in zip(byte_list, got):
        g = nfc(g)
        if len(g) == 1 and g in VIET_SET and listed.get(bytes([b])) != g:
            errors.append(f"{name}: iconv -f {charset} decodes byte {b:02X} to {g}, "
                          f"table has {listed.get(bytes([b]))!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", default=DEFAULT_DIR, help="table directory (default: %(default)s)")
    ap.add_argument("--no-iconv", action="store_true", help="skip the glibc iconv comparisons")
    opts = ap.parse_args()

    errors = []
    tables = {}
    iconv_ok = False
    if not opts.no_iconv:
        try:
            rc, out, _ = run_iconv(["-l"], b"")
            names = {n.strip().rstrip("/").upper() for n in out.decode("ascii", "replace").replace(",", "\n").split()}
            iconv_ok = rc == 0
        except FileNotFoundError:
            print("error: iconv not found (install glibc's iconv, or pass --no-iconv)", file=sys.stderr)
            return 2
        if not iconv_ok:
            print("error: `iconv -l` failed", file=sys.stderr)
            return 2

    for name, (fname, covered, charset) in TABLES.items():
        before = len(errors)
        path = os.path.join(opts.dir, fname)
        if not os.path.exists(path):
            errors.append(f"{name}: missing file {path}")
            print(f"{fname:16s} MISSING")
            continue
        t = tables[name] = load(name, path, errors)
        check_table(t, covered, errors)
        done = ["parse", "coverage", "unique bytes", "round trip"]
        if charset and iconv_ok:
            if charset.upper() not in names:
                errors.append(f"{name}: iconv does not know {charset}")
            else:
                check_iconv(t, charset, errors)
                done.append(f"iconv {charset}")
        n_enc = len(t.encode_rows())
        n_dec = len(t.rows) - n_enc
        status = "ok" if len(errors) == before else f"{len(errors) - before} failure(s)"
        extra = f" + {n_dec} decode-only" if n_dec else ""
        print(f"{fname:16s} {n_enc:3d} rows{extra}; covers {len(covered)} letters; "
              f"{', '.join(done)}: {status}")

    before = len(errors)
    check_structure(tables, errors)
    check_python_cp1258(tables, errors)
    check_samples(tables, errors)
    print(f"{'cross-table':16s} structure, Python cp1258 codec, {len(LEGACY_SAMPLES)} legacy samples: "
          f"{'ok' if len(errors) == before else f'{len(errors) - before} failure(s)'}")

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("all legacy tables OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
