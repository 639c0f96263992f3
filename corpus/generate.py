#!/usr/bin/python3
"""Deterministic generator of the baocao test corpus.

Pipeline (run from the repository root: ``/usr/bin/python3 corpus/generate.py``):

1. parse    corpus/source/NNN.txt (markup described in corpus/FORMAT.md) into blocks
            (header, title, headings, paragraphs, tables, centre lines, signature) and footnotes.
2. layout   an own small layout engine on top of reportlab's font metrics places every word on
            A4 pages (Nghị định 30/2020 style: margins, justified 13/14 pt Liberation Serif,
            first-line indent, footnotes at the bottom of the page of their marker, ruled tables
            whose header row repeats, page numbers at the top from page 2).  While placing, it
            records the per-page truth (corpus/truth/NNN/page-PPP.txt) -- the truth is what the
            engine drew, never what an extractor reads back.  Every drawn fragment carries a
            "run font" (style, k, caps) so variants can give runs different font resources.
3. render   the same page list is drawn with reportlab (invariant=1) using one of three font
            plans: one font per style ("single"), one font resource per run font ("runs"), or
            .VnTime / .VnTimeH style caps fonts ("legacy").  Positions never depend on the plan.
4. damage   pikepdf rewrites each font's ToUnicode CMap (and BaseFont name) per variant:
            clean, brokenmap, nomap, uhorn, nfd, tcvn3, vni.  The same character-mapping
            function is applied to the layout model to derive each page's expected route.
5. scan     pdftoppm renders the clean PDF in grayscale; numpy/PIL add skew, blur, noise and
            JPEG compression with fixed seeds; img2pdf wraps the images (no text layer).
6. mixed    pikepdf interleaves scan and clean pages (seeded ~40 % scanned).
7. bad      corpus/bad/: damaged or hostile inputs (empty, truncated, encrypted, ...).
8. manifest corpus/manifest.json lists documents, variants, files (sha256, per-page route).

Options: --out DIR (default: the corpus directory), --source DIR, --check (pdftotext CER of the
clean variant against the truth and a defect check of every variant), --verify (regenerate into
a temporary directory and compare sha256 with the manifest), --inventory (markdown table).
Only Debian packages are used (see corpus/requirements-debian.txt).
"""

import argparse
import datetime
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
import img2pdf

CORPUS = Path(__file__).resolve().parent
REPO = CORPUS.parent
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")  # Debian fonts-liberation2
FONT_FILES = {"R": "LiberationSerif-Regular.ttf", "B": "LiberationSerif-Bold.ttf",
              "I": "LiberationSerif-Italic.ttf", "BI": "LiberationSerif-BoldItalic.ttf"}
PS_NAMES = {"R": "LiberationSerif", "B": "LiberationSerif-Bold",
            "I": "LiberationSerif-Italic", "BI": "LiberationSerif-BoldItalic"}
LEGACY_STYLE_SUFFIX = {"R": "", "B": ",Bold", "I": ",Italic", "BI": ",BoldItalic"}
STYLES = ("R", "B", "I", "BI")
SEED = "baocao-corpus-v1"
RUN_FONTS = 4                 # run fonts per style in the "runs" plan
MM = 72.0 / 25.4
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
UNSUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
DOC_IDS = ("000", "001", "002", "003")
SPLIT = {"000": "test", "001": "dev", "002": "dev", "003": "test"}
VARIANTS = ("clean", "brokenmap", "nomap", "uhorn", "nfd", "tcvn3", "vni", "scan", "mixed")
VARIANT_INFO = {
    "clean": ("born-digital text layer, correct ToUnicode", "text"),
    "brokenmap": ("Tuần Giáo defect: in damaged run fonts a per-font set of glyphs maps to U+0020 "
                  "in ToUnicode (one space per lost character)", "recover"),
    "nomap": ("damaged run fonts have no ToUnicode, arbitrary codes, no glyph names and no "
              "encoding: their text extracts as garbage", "recover"),
    "uhorn": ("in some run fonts ư/Ư map to ƣ/Ƣ (U+01A3/U+01A2) in ToUnicode", "repair"),
    "nfd": ("ToUnicode maps precomposed Vietnamese letters to NFD sequences", "repair"),
    "tcvn3": ("ToUnicode gives the TCVN3 (ABC) bytes as Windows-1252 characters; BaseFont "
              ".VnTime / .VnTimeH", "repair"),
    "vni": ("ToUnicode gives the VNI bytes as Windows-1252 characters (base + mark, multi-char "
            "entries); BaseFont VNI-Times", "repair"),
    "scan": ("image-only pages (grayscale JPEG, skew, blur, noise), no text layer", "ocr"),
    "mixed": ("per document ~40 % of the pages from scan, the rest from clean", "text/ocr"),
}


def rng_for(*parts):
    """A random.Random seeded from a string: stable across runs and Python versions."""
    return random.Random(":".join((SEED,) + tuple(str(p) for p in parts)))


def sha256_file(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# 1. Parsing the source markup
# --------------------------------------------------------------------------------------------

@dataclass
class Piece:
    """A styled fragment of a word (no spaces inside)."""
    text: str
    style: str = "R"          # R, B, I, BI
    sup: bool = False         # drawn small and raised
    mark: bool = False        # a footnote marker: truth uses superscript digits
    fn: int = 0               # footnote number for markers
    k: int = 0                # run-font index
    caps: bool = False        # belongs to an all-capitals block (legacy .VnTimeH)

    def truth(self):
        return self.text.translate(SUPERSCRIPT) if self.mark else self.text


@dataclass
class Word:
    pieces: list
    glue: bool = False        # continues the previous word (forced break of a long word)
    spaces: int = 1           # spaces before the word in the source ("Số:       /BC-UBND")

    def truth(self):
        return "".join(p.truth() for p in self.pieces)


@dataclass
class Block:
    kind: str                 # header, title, signature, table, center, heading, para, pagebreak
    lines: list = field(default_factory=list)    # list of source strings
    right: list = field(default_factory=list)    # right column of two-column blocks
    level: int = 0


FOOTNOTE_DEF = re.compile(r"^\[\^(\d+)\]:\s*(.*)$")
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


def parse_source(text):
    """Return (blocks, footnotes) from the FORMAT.md markup."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    blocks, footnotes = [], {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        i += 1
        if not stripped:
            continue
        m = FOOTNOTE_DEF.match(stripped)
        if m:
            footnotes[int(m.group(1))] = m.group(2).strip()
            continue
        if stripped.startswith(":::"):
            kind = stripped[3:].strip()
            body = []
            while i < len(lines) and lines[i].strip() != ":::":
                body.append(lines[i].rstrip("\n"))
                i += 1
            i += 1  # closing :::
            blocks.append(make_fenced_block(kind, body))
            continue
        if stripped == "@pagebreak":
            blocks.append(Block("pagebreak"))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", stripped)
        if m:
            blocks.append(Block("heading", [m.group(2).strip()], level=len(m.group(1))))
            continue
        blocks.append(Block("para", [stripped]))
    return blocks, footnotes


def make_fenced_block(kind, body):
    if kind in ("header", "signature"):
        left, right, cur = [], [], None
        cur = left
        for raw in body:
            s = raw.strip()
            if s == "---":
                cur = right
            elif s:
                cur.append(s)
        return Block(kind, left, right)
    if kind == "table":
        rows = [raw.rstrip() for raw in body if raw.strip()]
        return Block("table", [r.split("\t") for r in rows])
    if kind in ("title", "center"):
        return Block(kind, [raw.strip() for raw in body if raw.strip()])
    raise ValueError("unknown block kind ::: %s" % kind)


def parse_inline(text, style="R"):
    """Markup string -> list of Piece (spaces kept inside piece text)."""
    bold = "B" in style
    italic = "I" in style
    pieces, buf = [], []

    def cur_style():
        return ("B" if bold else "") + ("I" if italic else "") or "R"

    def flush():
        if buf:
            pieces.append(Piece("".join(buf), cur_style()))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        if text.startswith("**", i):
            flush()
            bold = not bold
            i += 2
            continue
        m = FOOTNOTE_REF.match(text, i)
        if m:
            flush()
            pieces.append(Piece(m.group(1), cur_style(), sup=True, mark=True, fn=int(m.group(1))))
            i = m.end()
            continue
        ch = text[i]
        if ch == "_":
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < n else " "
            opening = not italic and not prev.isalnum() and not nxt.isspace()
            closing = italic and not prev.isspace() and not nxt.isalnum()
            if opening or closing:
                flush()
                italic = not italic
                i += 1
                continue
        buf.append(ch)
        i += 1
    flush()
    return pieces


def to_words(pieces):
    """Split pieces at whitespace into words (lists of pieces); runs of spaces are kept
    as the word's `spaces` (blank fields such as "ngày       tháng")."""
    words, cur, pending = [], [], 1
    for p in pieces:
        for part in re.split(r"(\s+)", p.text):
            if not part:
                continue
            if part.isspace():
                if cur:
                    words.append(Word(cur, spaces=pending))
                    cur, pending = [], 0
                pending += len(part.replace("\t", " "))
            else:
                cur.append(Piece(part, p.style, p.sup, p.mark, p.fn, p.k, p.caps))
    if cur:
        words.append(Word(cur, spaces=pending))
    for w in words:
        w.spaces = max(1, w.spaces)
    return words


def is_caps(text):
    letters = [c for c in FOOTNOTE_REF.sub("", text) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------------------------
# 2. Layout engine
# --------------------------------------------------------------------------------------------

def dehint_ttf(data):
    """Return the TrueType font `data` without hinting (glyph instructions, fpgm, prep, cvt):
    the embedded subsets get ~35 % smaller and glyph shapes do not change."""
    import struct
    num = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(num):
        tag, _, off, ln = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        tables[tag] = data[off:off + ln]
    head = bytearray(tables[b"head"])
    long_loca = struct.unpack(">h", head[50:52])[0] == 1
    n_glyphs = struct.unpack(">H", tables[b"maxp"][4:6])[0]
    loca_raw = tables[b"loca"]
    if long_loca:
        loca = struct.unpack(">%dI" % (n_glyphs + 1), loca_raw[:4 * (n_glyphs + 1)])
    else:
        loca = [2 * v for v in struct.unpack(">%dH" % (n_glyphs + 1), loca_raw[:2 * (n_glyphs + 1)])]
    glyf, new_glyf, new_loca = tables[b"glyf"], bytearray(), []
    for i in range(n_glyphs):
        g = glyf[loca[i]:loca[i + 1]]
        new_loca.append(len(new_glyf))
        if len(g) >= 10:
            nc = struct.unpack(">h", g[:2])[0]
            if nc >= 0:
                pos = 10 + 2 * nc
                il = struct.unpack(">H", g[pos:pos + 2])[0]
                g = g[:pos] + b"\0\0" + g[pos + 2 + il:]
            else:
                g = bytearray(g)
                pos, flags = 10, 0x20
                while flags & 0x20:
                    flags = struct.unpack(">H", g[pos:pos + 2])[0]
                    last = pos
                    pos += 4 + (4 if flags & 0x1 else 2)
                    pos += 2 if flags & 0x8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
                struct.pack_into(">H", g, last, flags & ~0x100)
                g = bytes(g[:pos])
        new_glyf += g
        new_glyf += b"\0" * (-len(new_glyf) % 4)
    new_loca.append(len(new_glyf))
    head[50:52] = struct.pack(">h", 1)
    tables[b"head"] = bytes(head)
    tables[b"glyf"] = bytes(new_glyf)
    tables[b"loca"] = struct.pack(">%dI" % len(new_loca), *new_loca)
    for tag in (b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"):
        tables.pop(tag, None)
    tags = sorted(tables)
    out = bytearray(data[:4] + struct.pack(">HHHH", len(tags), 0, 0, 0))
    offset = 12 + 16 * len(tags)
    body = bytearray()
    for tag in tags:
        t = tables[tag]
        padded = t + b"\0" * (-len(t) % 4)
        csum = sum(struct.unpack(">%dI" % (len(padded) // 4), padded)) & 0xFFFFFFFF
        out += struct.pack(">4sIII", tag, csum, offset + len(body), len(t))
        body += padded
    return bytes(out + body)


def register_fonts():
    """Register every font name the render plans use (all from Liberation Serif)."""
    missing = [f for f in FONT_FILES.values() if not (FONT_DIR / f).exists()]
    if missing:
        sys.exit("font files missing in %s: %s (apt-get install fonts-liberation2)"
                 % (FONT_DIR, ", ".join(missing)))
    # S-: one font per style (ASCII-readable codes, as a word processor's WinAnsi-like subsets);
    # C-: the capital runs of the legacy plan (.VnTimeH); K-: run fonts, codes assigned in
    # order of first use (so a font without ToUnicode cannot be read through a standard encoding)
    names = []
    for st in STYLES:
        names.append(("S-%s" % st, st, True))
        names.append(("C-%s" % st, st, True))
        for k in range(RUN_FONTS):
            names.append(("K-%s-%d" % (st, k), st, False))
    data = {st: dehint_ttf((FONT_DIR / FONT_FILES[st]).read_bytes()) for st in STYLES}
    for name, st, ascii_readable in names:
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        font = TTFont(name, io.BytesIO(data[st]), asciiReadable=ascii_readable)
        font.face.name = name.encode("ascii")   # unique BaseFont per registration
        pdfmetrics.registerFont(font)


def measure(text, style, size):
    return pdfmetrics.stringWidth(text, "S-" + style, size)


@dataclass
class Geometry:
    size: float
    right_mm: float
    page_w: float = A4[0]
    page_h: float = A4[1]
    top: float = 20 * MM
    bottom: float = 20 * MM
    left: float = 30 * MM

    @property
    def width(self):
        return self.page_w - self.left - self.right_mm * MM

    @property
    def leading(self):
        return round(self.size * 1.2, 2)

    @property
    def indent(self):
        return 10 * MM

    @property
    def fn_size(self):
        return 11.0

    @property
    def fn_leading(self):
        return 12.5


@dataclass
class Op:
    kind: str                 # "text" or "line"
    x: float
    y: float
    x2: float = 0.0
    y2: float = 0.0
    text: str = ""
    size: float = 0.0
    rise: float = 0.0
    tw: float = 0.0           # word spacing (justification) applied to the space of this op
    key: tuple = ("R", 0, False)  # run font (style, k, caps)


@dataclass
class Page:
    number: int
    ops: list = field(default_factory=list)
    truth: list = field(default_factory=list)
    footnotes: list = field(default_factory=list)  # footnote numbers, in order
    fn_height: float = 0.0


@dataclass
class Line:
    words: list
    size: float
    width: float              # natural width including spaces
    first: bool = False
    last: bool = False

    def footnotes(self):
        return [p.fn for w in self.words for p in w.pieces if p.mark]


def sup_size(size):
    return round(size * 0.62, 2)


def word_width(word, size):
    return sum(measure(p.text, p.style, sup_size(size) if p.sup else size) for p in word.pieces)


def natural_width(words, size):
    """Width of words set on one line with their source spaces."""
    return sum(word_width(w, size) for w in words) + sum(
        0.0 if w.glue else space_width(prev, size, w.spaces) for prev, w in zip(words, words[1:]))


def space_width(word, size, n=1):
    return measure(" ", word.pieces[-1].style, size) * n


def break_long_word(word, size, width):
    """Split a word wider than `width` into glued chunks (character level)."""
    chunks, cur = [], []
    for p in word.pieces:
        for ch in p.text:
            trial = Word(cur + [Piece(ch, p.style, p.sup, p.mark, p.fn, p.k, p.caps)])
            if cur and word_width(trial, size) > width:
                chunks.append(Word(cur, glue=bool(chunks)))
                cur = []
            cur.append(Piece(ch, p.style, p.sup, p.mark, p.fn, p.k, p.caps))
    if cur:
        chunks.append(Word(cur, glue=bool(chunks)))
    chunks[0].spaces = word.spaces
    return merge_pieces_words(chunks)


def merge_pieces_words(words):
    out = []
    for w in words:
        merged = []
        for p in w.pieces:
            if merged and (merged[-1].style, merged[-1].sup, merged[-1].mark, merged[-1].k,
                           merged[-1].caps) == (p.style, p.sup, p.mark, p.k, p.caps) \
                    and not p.mark:
                merged[-1] = Piece(merged[-1].text + p.text, p.style, p.sup, p.mark, p.fn,
                                   p.k, p.caps)
            else:
                merged.append(p)
        out.append(Word(merged, w.glue, w.spaces))
    return out


def wrap(words, size, width, first_indent=0.0):
    """Greedy line breaking -> list of Line."""
    expanded = []
    for w in words:
        if word_width(w, size) > width - first_indent:
            expanded.extend(break_long_word(w, size, width - first_indent))
        else:
            expanded.append(w)
    lines, cur, cur_w = [], [], 0.0
    for w in expanded:
        ww = word_width(w, size)
        avail = width - (first_indent if not lines else 0.0)
        gap = 0.0 if (not cur or w.glue) else space_width(cur[-1], size, w.spaces)
        if cur and cur_w + gap + ww > avail:
            lines.append(Line(cur, size, cur_w))
            cur, cur_w, gap = [], 0.0, 0.0
        cur.append(w)
        cur_w += gap + ww
    if cur:
        lines.append(Line(cur, size, cur_w))
    if lines:
        lines[0].first = True
        lines[-1].last = True
    return lines


def line_truth(lines):
    out = []
    for ln in lines:
        for w in ln.words:
            if out and w.glue:
                out[-1] += w.truth()
            elif out:
                out.append(" " * w.spaces + w.truth())
            else:
                out.append(w.truth())
    return "".join(out)


def draw_line(line, x0, width, baseline, align, indent=0.0):
    """Ops for one line.  align: left, center, right, justify."""
    ops = []
    size = line.size
    avail = width - (indent if line.first else 0.0)
    x = x0 + (indent if line.first else 0.0)
    gaps = [0.0 if (i == 0 or w.glue) else space_width(line.words[i - 1], size, w.spaces)
            for i, w in enumerate(line.words)]
    extra = 0.0
    if align == "center":
        x += max(0.0, (avail - line.width) / 2)
    elif align == "right":
        x += max(0.0, avail - line.width)
    elif align == "justify" and not line.last:
        n_gaps = sum(1 for g in gaps if g > 0)
        if n_gaps:
            extra = max(0.0, (avail - line.width) / n_gaps)
    for i, w in enumerate(line.words):
        if gaps[i] > 0:
            prev = line.words[i - 1].pieces[-1]
            # the space glyph is drawn in the font of the preceding piece, as a word processor does
            n = w.spaces
            tw = round(extra / n, 4)
            ops.append(Op("text", x, baseline, text=" " * n, size=size, tw=tw,
                          key=(prev.style, prev.k, prev.caps)))
            x += gaps[i] + tw * n
        for p in w.pieces:
            psize = sup_size(size) if p.sup else size
            rise = round(size * 0.33, 2) if p.sup else 0.0
            ops.append(Op("text", x, baseline, text=p.text, size=psize, rise=rise,
                          key=(p.style, p.k, p.caps)))
            x += measure(p.text, p.style, psize)
    return ops


class Layout:
    """Places blocks on pages and records truth."""

    def __init__(self, doc_id, geo, footnotes):
        self.doc_id = doc_id
        self.geo = geo
        self.footnotes = footnotes
        self.fn_lines = {}
        self.pages = []
        self.rng = rng_for(doc_id, "runs")
        self.new_page()

    # -- run fonts ----------------------------------------------------------------------
    def assign_runs(self, pieces, caps=False, splits=True):
        """Give each piece a run-font index; a block gets 1-3 runs (seeded)."""
        k = self.rng.randrange(RUN_FONTS)
        n_chars = sum(len(p.text) for p in pieces)
        cut = None
        if splits and n_chars > 120 and self.rng.random() < 0.35:
            cut = self.rng.randrange(n_chars // 4, 3 * n_chars // 4)
        out, pos = [], 0
        for p in pieces:
            if cut is not None and pos <= cut < pos + len(p.text):
                sp = p.text.rfind(" ", 0, cut - pos + 1)
                if sp > 0:
                    out.append(Piece(p.text[:sp + 1], p.style, p.sup, p.mark, p.fn, k, caps))
                    p = Piece(p.text[sp + 1:], p.style, p.sup, p.mark, p.fn, k, caps)
                    pos += sp + 1
                k = (k + 1 + self.rng.randrange(RUN_FONTS - 1)) % RUN_FONTS
                cut = None
            out.append(Piece(p.text, p.style, p.sup, p.mark, p.fn, k, caps))
            pos += len(p.text)
        return out

    def words_of(self, text, style="R", caps=None, splits=True):
        pieces = parse_inline(text, style)
        if caps is None:
            caps = is_caps(text)
        return to_words(self.assign_runs(pieces, caps, splits))

    # -- pages ----------------------------------------------------------------------------
    @property
    def page(self):
        return self.pages[-1]

    def new_page(self):
        if self.pages:
            self.finish_page()
        pg = Page(len(self.pages) + 1)
        self.pages.append(pg)
        self.y = self.geo.page_h - self.geo.top
        self.at_top = True
        if pg.number >= 2:
            words = self.words_of(str(pg.number), splits=False)
            line = wrap(words, self.geo.size, self.geo.width)[0]
            base = self.geo.page_h - 12 * MM
            pg.ops.extend(draw_line(line, self.geo.left, self.geo.width, base, "center"))
            pg.truth.append(str(pg.number))

    def finish_page(self):
        pg, g = self.page, self.geo
        if not pg.footnotes:
            return
        top = g.bottom + pg.fn_height
        pg.ops.append(Op("line", g.left, top - 2, g.left + 50 * MM, top - 2))
        y = top - 6 - g.fn_size * 0.9
        for n in pg.footnotes:
            lines = self.footnote_lines(n)
            for ln in lines:
                pg.ops.extend(draw_line(ln, g.left, g.width, y, "justify"))
                y -= g.fn_leading
            pg.truth.append(line_truth(lines))

    def footnote_lines(self, n):
        if n not in self.fn_lines:
            if n not in self.footnotes:
                raise ValueError("document %s: footnote [^%d] has no body" % (self.doc_id, n))
            num = Word([Piece(str(n), "R", sup=True, k=0)])
            words = [num] + self.words_of(self.footnotes[n], splits=False)
            # the number keeps the run font of the body
            num.pieces[0].k = words[1].pieces[0].k if len(words) > 1 else 0
            self.fn_lines[n] = wrap(words, self.geo.fn_size, self.geo.width)
        return self.fn_lines[n]

    def fn_extra(self, numbers):
        """Extra footnote-area height if footnotes `numbers` were added to this page."""
        new = [n for n in numbers if n not in self.page.footnotes]
        if not new:
            return 0.0
        h = sum(len(self.footnote_lines(n)) * self.geo.fn_leading for n in new)
        if not self.page.footnotes:
            h += 8.0
        return h

    def add_footnotes(self, numbers):
        extra = self.fn_extra(numbers)
        for n in numbers:
            if n not in self.page.footnotes:
                self.page.footnotes.append(n)
        self.page.fn_height += extra

    def limit(self):
        return self.geo.bottom + self.page.fn_height

    def space(self, pts):
        if not self.at_top:
            self.y -= pts

    # -- flowing lines --------------------------------------------------------------------
    def lines_fitting(self, lines, leading, start):
        """How many lines from `start` fit on the current page (with their footnotes)."""
        y, fn_h, seen, count = self.y, self.page.fn_height, set(self.page.footnotes), 0
        for ln in lines[start:]:
            new = [n for n in ln.footnotes() if n not in seen]
            add = sum(len(self.footnote_lines(n)) * self.geo.fn_leading for n in new)
            if new and not seen:
                add += 8.0
            if y - leading < self.geo.bottom + fn_h + add:
                break
            y -= leading
            fn_h += add
            seen.update(new)
            count += 1
        return count

    def flow(self, lines, x0, width, align, indent=0.0, leading=None, keep=0):
        """Place lines with page breaks, orphan/widow control and footnotes.
        keep: extra lines of the following block that must fit with the last line."""
        leading = leading or self.geo.leading
        i, n = 0, len(lines)
        while i < n:
            fit = self.lines_fitting(lines, leading, i)
            if keep and fit == n - i:
                room = self.y - fit * leading - self.limit()
                if room < keep and not self.at_top:
                    fit = 0 if n - i <= 2 else max(1, fit - 1)
            if fit < n - i and not self.at_top:
                if fit < 2 and n - i >= 2:
                    fit = 0                                   # orphan
                elif n - i - fit == 1 and fit >= 3:
                    fit -= 1                                  # widow
            if fit == 0:
                if self.at_top:
                    fit = 1
                else:
                    self.new_page()
                    continue
            chunk = lines[i:i + fit]
            for ln in chunk:
                self.add_footnotes(ln.footnotes())
                base = self.y - self.geo.size * 0.9 * (ln.size / self.geo.size)
                self.page.ops.extend(draw_line(ln, x0, width, base, align, indent))
                self.y -= leading
            self.page.truth.append(line_truth(chunk))
            self.at_top = False
            i += fit
            if i < n:
                self.new_page()

    # -- blocks -----------------------------------------------------------------------------
    def para(self, text, keep=0):
        g = self.geo
        lines = wrap(self.words_of(text), g.size, g.width, g.indent)
        self.flow(lines, g.left, g.width, "justify", g.indent, keep=keep)
        self.y -= g.size * 0.4

    def heading(self, text, level, keep):
        g = self.geo
        style = "BI" if level == 3 else "B"
        self.space(g.size * 0.3)
        lines = wrap(self.words_of(text, style), g.size, g.width, g.indent)
        self.flow(lines, g.left, g.width, "left", g.indent, keep=keep)
        self.y -= g.size * 0.3

    def centered(self, texts, style="R", size=None, keep=0, rule_after=False):
        g = self.geo
        size = size or g.size
        for j, t in enumerate(texts):
            lines = wrap(self.words_of(t, style), size, g.width)
            last = j == len(texts) - 1
            self.flow(lines, g.left, g.width, "center",
                      leading=round(size * 1.2, 2), keep=keep if last else g.leading * 2)
        if rule_after:
            self.y -= 4
            mid = g.left + g.width / 2
            self.page.ops.append(Op("line", mid - 25 * MM, self.y, mid + 25 * MM, self.y))
            self.y -= 6
        self.y -= g.size * 0.5

    def two_columns(self, left, right, split, rules=(), gap_before_last=False):
        """left/right: lists of (text, style, size, align).  All on one page."""
        g = self.geo
        wl = g.width * split
        cols = []
        for col, x0, w in ((left, g.left, wl), (right, g.left + wl, g.width - wl)):
            items = []
            for j, (text, style, size, align) in enumerate(col):
                words = self.words_of(text, style, splits=False)
                size = self.fit_size(words, size, w - 4)
                lines = wrap(words, size, w - 4)
                items.append((lines, size, align, text))
            cols.append((items, x0, w))
        heights = []
        for ci, (items, x0, w) in enumerate(cols):
            h = sum(len(ls) * round(sz * 1.2, 2) for ls, sz, _, _ in items)
            if ci == 1 and gap_before_last and len(items) >= 2:
                h += 3 * g.leading
            heights.append(h + 10)
        height = max(heights)
        if self.y - height < self.limit() and not self.at_top:
            self.new_page()
        top = self.y
        for ci, (items, x0, w) in enumerate(cols):
            y = top
            for j, (lines, size, align, text) in enumerate(items):
                if ci == 1 and gap_before_last and len(items) >= 2 and j == len(items) - 1:
                    y -= 3 * g.leading
                for ln in lines:
                    base = y - size * 0.9
                    self.page.ops.extend(draw_line(ln, x0 + 2, w - 4, base, align))
                    y -= round(size * 1.2, 2)
                if (ci, j) in rules:
                    rw = min(w * 0.45, 40 * MM)
                    mid = x0 + w / 2
                    self.page.ops.append(Op("line", mid - rw / 2, y - 1, mid + rw / 2, y - 1))
                    y -= 5
                self.page.truth.append(line_truth(lines))
        self.y = top - height
        self.at_top = False

    def fit_size(self, words, size, width):
        """Shrink a single-line header item until it fits the column (min 10 pt)."""
        while size > 10 and natural_width(words, size) > width:
            size -= 0.5
        return size

    def header(self, block):
        g = self.geo
        marked = any("**" in t or "_" in t for t in block.lines + block.right)
        left, right, rules = [], [], set()
        upper = [j for j, t in enumerate(block.lines) if is_caps(t)]
        for j, t in enumerate(block.lines):
            style = "R"
            if not marked and upper and j == upper[-1] and (len(upper) == 1 or j > 0):
                style = "B"
            if not marked and upper and j == upper[-1]:
                rules.add((0, j))
            left.append((t, style, 13.0, "center"))
        for j, t in enumerate(block.right):
            style, size = "R", 13.0
            if not marked:
                if is_caps(t):
                    style, size = "B", 12.0
                elif t.startswith("Độc lập"):
                    style = "B"
                    rules.add((1, j))
                elif "ngày" in t:
                    style = "I"
            right.append((t, style, size, "center"))
        self.two_columns(left, right, 0.4, rules)
        self.y -= g.size * 0.8

    def signature(self, block):
        g = self.geo
        marked_left = any("**" in t or "_" in t for t in block.lines)
        left = []
        for j, t in enumerate(block.lines):
            if j == 0:
                style = "R" if marked_left else "BI"
                left.append((t, style, 12.0, "left"))
            else:
                left.append((t, "R", 11.0, "left"))
        marked_right = any("**" in t or "_" in t for t in block.right)
        right = [(t, "R" if marked_right else "B", g.size, "center") for t in block.right]
        self.space(g.size * 0.8)
        self.two_columns(left, right, 0.45, gap_before_last=True)

    # -- tables -------------------------------------------------------------------------------
    def table(self, block):
        g = self.geo
        rows = block.lines
        ncol = max(len(r) for r in rows)
        rows = [r + [""] * (ncol - len(r)) for r in rows]
        size = 12.0 if ncol <= 4 else 11.0
        lead = round(size * 1.18, 2)
        pad = 3.0
        cells = []
        for ri, row in enumerate(rows):
            cells.append([self.cell_words(t, "B" if ri == 0 else "R") for t in row])
        widths = column_widths(cells, size, g.width, pad)
        laid = [[self.cell_lines(c, size, widths[ci] - 2 * pad) for ci, c in enumerate(row)]
                for row in cells]
        aligns = column_aligns(rows)
        header = laid[0]
        self.space(2)
        self.draw_row(header, widths, size, lead, pad, ["center"] * ncol, keep_next=laid[1:2])
        for r in laid[1:]:
            self.draw_row(r, widths, size, lead, pad, aligns, header=header)
        self.y -= g.size * 0.6

    def cell_words(self, text, style):
        parts = [p.strip() for p in re.split(r"<br\s*/?>", text)]
        pieces = self.assign_runs(parse_inline(" <BR> ".join(parts), style), is_caps(text),
                                  splits=False)
        words = to_words(pieces)
        out, cur = [], []
        for w in words:
            if w.truth() == "<BR>":
                out.append(cur)
                cur = []
            else:
                cur.append(w)
        out.append(cur)
        return out

    def cell_lines(self, parts, size, width):
        lines = []
        for words in parts:
            if words:
                lines.extend(wrap(words, size, width))
        return lines

    def row_height(self, row, lead, pad):
        return max(len(c) for c in row) * lead + 2 * pad

    def draw_row(self, row, widths, size, lead, pad, aligns, header=None, keep_next=()):
        """Draw one table row; split it if it cannot fit even on a fresh page."""
        g = self.geo
        while True:
            need = self.row_height(row, lead, pad)
            if keep_next:
                need += self.row_height(keep_next[0], lead, pad)
            if self.y - need >= self.limit() or (self.at_top and header is None):
                fits = max(len(c) for c in row)
            else:
                fits = int((self.y - self.limit() - 2 * pad) // lead)
                fresh = g.page_h - g.top - g.bottom - (
                    self.row_height(header, lead, pad) if header else 0)
                if self.at_top or (need > fresh and fits >= 2):
                    fits = max(1, fits)
                else:
                    self.new_page()
                    if header is not None:
                        self.draw_row(header, widths, size, lead, pad, ["center"] * len(widths))
                    continue
            if fits >= max(len(c) for c in row):
                self.place_row(row, widths, size, lead, pad, aligns)
                return
            head = [c[:fits] for c in row]
            rest = [c[fits:] for c in row]
            self.place_row(head, widths, size, lead, pad, aligns)
            self.new_page()
            if header is not None:
                self.draw_row(header, widths, size, lead, pad, ["center"] * len(widths))
            row = rest

    def place_row(self, row, widths, size, lead, pad, aligns):
        g = self.geo
        h = self.row_height(row, lead, pad)
        fn = [n for c in row for ln in c for n in ln.footnotes()]
        self.add_footnotes(fn)
        top = self.y
        xs = [g.left]
        for w in widths:
            xs.append(xs[-1] + w)
        ops = self.page.ops
        ops.append(Op("line", xs[0], top, xs[-1], top))
        ops.append(Op("line", xs[0], top - h, xs[-1], top - h))
        for xv in xs:
            ops.append(Op("line", xv, top, xv, top - h))
        for ci, lines in enumerate(row):
            if not lines:
                continue
            y0 = top - pad - (h - 2 * pad - len(lines) * lead) / 2
            for li, ln in enumerate(lines):
                base = y0 - li * lead - size * 0.88
                single = Line(ln.words, ln.size, ln.width, first=False, last=True)
                ops.extend(draw_line(single, xs[ci] + pad, widths[ci] - 2 * pad, base,
                                     aligns[ci]))
        self.page.truth.append("\t".join(line_truth(c) for c in row))
        self.y = top - h
        self.at_top = False

    # -- document -------------------------------------------------------------------------
    def run(self, blocks):
        g = self.geo
        for bi, b in enumerate(blocks):
            nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
            keep = self.keep_height(nxt)
            if b.kind == "pagebreak":
                if not self.at_top:
                    self.new_page()
            elif b.kind == "header":
                self.header(b)
            elif b.kind == "title":
                self.space(g.size * 0.3)
                self.centered(b.lines[:1], "B", g.size, keep=g.leading * 2)
                self.centered(b.lines[1:], "B", g.size, keep=keep, rule_after=True) \
                    if len(b.lines) > 1 else None
            elif b.kind == "center":
                self.centered(b.lines, "R", g.size, keep=keep)
            elif b.kind == "heading":
                self.heading(b.lines[0], b.level, keep)
            elif b.kind == "para":
                self.para(b.lines[0])
            elif b.kind == "table":
                self.table(b)
            elif b.kind == "signature":
                self.signature(b)
        self.finish_page()
        return self.pages

    def keep_height(self, nxt):
        if nxt is None:
            return 0
        if nxt.kind in ("para", "heading"):
            return 2 * self.geo.leading + self.geo.size * 0.4
        if nxt.kind == "table":
            return 4 * 14.0
        return 0


def column_widths(cells, size, total, pad):
    """Widths for a ruled table: at least the longest word, more for columns with more text."""
    ncol = len(cells[0])
    w_min, w_nat, weight = [0.0] * ncol, [0.0] * ncol, [0.0] * ncol
    for row in cells:
        for ci, parts in enumerate(row):
            for words in parts:
                if not words:
                    continue
                longest = max(word_width(w, size) for w in words)
                full = sum(word_width(w, size) + space_width(w, size) for w in words)
                w_min[ci] = max(w_min[ci], longest + 2 * pad + 1)
                w_nat[ci] = max(w_nat[ci], full + 2 * pad)
                weight[ci] += full
    w_min = [max(m, 7 * MM) for m in w_min]
    for ci, parts in enumerate(cells[0]):
        # short header labels ("Ghi chú", "Số liệu") stay on one line
        head = max((natural_width(words, size) + 2 * pad for words in parts if words), default=0)
        if head <= 0.16 * total:
            w_min[ci] = max(w_min[ci], head + 1)
    w_nat = [max(n, m) for n, m in zip(w_nat, w_min)]
    if sum(w_nat) <= total:
        scale = total / sum(w_nat)
        return [round(n * scale, 2) for n in w_nat]
    if sum(w_min) >= total:
        scale = total / sum(w_min)
        return [round(m * scale, 2) for m in w_min]
    widths = list(w_min)
    free = set(range(ncol))
    remaining = total - sum(widths)
    while remaining > 0.01 and free:
        wsum = sum(weight[c] ** 0.8 for c in free) or len(free)
        capped = False
        for c in sorted(free):
            share = remaining * ((weight[c] ** 0.8) / wsum if wsum else 1 / len(free))
            if widths[c] + share >= w_nat[c]:
                remaining -= w_nat[c] - widths[c]
                widths[c] = w_nat[c]
                free.discard(c)
                capped = True
                break
        if not capped:
            for c in free:
                widths[c] += remaining * ((weight[c] ** 0.8) / wsum)
            remaining = 0
    if remaining > 0.01:
        widths = [w * total / sum(widths) for w in widths]
    return [round(w, 2) for w in widths]


def column_aligns(rows):
    """Centre columns of short values (TT, codes, units, numbers), left-align text columns."""
    aligns = []
    for ci in range(len(rows[0])):
        vals = [re.sub(r"\*\*|<br>", "", r[ci]).strip() for r in rows[1:] if r[ci].strip()]
        short = vals and all(len(v) <= 12 for v in vals)
        aligns.append("center" if short else "left")
    return aligns


# --------------------------------------------------------------------------------------------
# 3. Rendering
# --------------------------------------------------------------------------------------------

def plan_single(key):
    return "S-%s" % key[0]


def plan_legacy(key):
    return ("C-%s" if key[2] else "S-%s") % key[0]


def plan_runs(key):
    return "K-%s-%d" % key[:2]


def key_of_font(name):
    """Registered font name -> (style, k or None, caps)."""
    parts = name.split("-")
    if parts[0] in ("S", "C"):
        return (parts[1], None, parts[0] == "C")
    return (parts[1], int(parts[2]), False)


def render(pages, plan, path, title):
    """Draw the laid-out pages.  One text object per page; a line is one Tm followed by
    Tf/Ts/Tw changes and Tj strings (justification through Tw on the space glyph)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("")
    c.setCreator("baocao corpus generator")
    c.setProducer("ReportLab")
    for pg in pages:
        c.setLineWidth(0.6)
        for op in pg.ops:
            if op.kind == "line":
                c.line(op.x, op.y, op.x2, op.y2)
        tx = c.beginText()
        font, tw, pred = None, 0.0, None
        for op in pg.ops:
            if op.kind != "text":
                continue
            if pred is None or abs(pred[0] - op.x) > 0.01 or pred[1] != op.y:
                tx.setTextOrigin(op.x, op.y)
            name = plan(op.key)
            if (name, op.size, op.rise) != font:
                tx.setFont(name, op.size)
                if font is None or font[2] != op.rise:
                    tx.setRise(op.rise)
                font = (name, op.size, op.rise)
            if op.text.isspace() and op.tw != tw:
                tx.setWordSpace(op.tw)
                tw = op.tw
            tx.textOut(op.text)
            width = pdfmetrics.stringWidth(op.text, name, op.size) + tw * op.text.count(" ")
            pred = (op.x + width, op.y)
        c.drawText(tx)
        c.showPage()
    c.save()


# --------------------------------------------------------------------------------------------
# 4. Damage variants (ToUnicode rewriting)
# --------------------------------------------------------------------------------------------

VIET_LETTERS = ("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
VIET_ALL = VIET_LETTERS + VIET_LETTERS.upper()


def load_legacy_table(path):
    """unicode letter -> what a Windows program shows for its legacy bytes (the `winansi`
    column of normalize/data/legacy/*.tsv; rows flagged decode-only are skipped)."""
    table = {}
    text = Path(path).read_bytes().decode("utf-8")
    for raw in text.split("\n"):          # LF only: cells may hold C0/C1 characters
        if not raw or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 3 or "decode-only" in (cols[3] if len(cols) > 3 else ""):
            continue
        uni = unicodedata.normalize("NFC", cols[0])
        shown = cols[2]
        expect = bytes.fromhex(cols[1]).decode("cp1252", errors="replace")
        if len(uni) != 1 or len(shown) != len(bytes.fromhex(cols[1])):
            raise ValueError("%s: bad row %r" % (path, raw))
        if "\ufffd" not in expect and expect != shown:
            raise ValueError("%s: winansi column disagrees with cp1252 in %r" % (path, raw))
        table[uni] = shown
    return table


class Damage:
    """Per-variant character mapping of run fonts; used both to rewrite the PDF and to
    predict each page's extraction (route)."""

    def __init__(self, variant, doc_id, used_chars, legacy=None):
        self.variant = variant
        self.doc_id = doc_id
        self.lost = {}        # brokenmap: (style,k) -> set of lost chars
        self.nomap = set()    # nomap: (style,k) without ToUnicode
        self.uhorn = set()    # uhorn: (style,k) with ư->ƣ
        self.legacy = legacy  # (table, caps_table) for tcvn3/vni
        rng = rng_for(doc_id, variant, "damage")
        # exactly half of the run fonts of each style are damaged: about half the paragraphs
        damaged = [(st, k) for st in STYLES
                   for k in sorted(rng.sample(range(RUN_FONTS), RUN_FONTS // 2))]
        damaged = [key for key in damaged if key in used_chars]   # fonts the document uses
        if variant == "brokenmap":
            for key in damaged:
                self.lost[key] = choose_lost_set(rng, used_chars.get(key, set()))
        elif variant == "nomap":
            self.nomap = set(damaged)
        elif variant == "uhorn":
            self.uhorn = set(damaged)

    @property
    def plan(self):
        if self.variant in ("brokenmap", "uhorn", "nomap"):
            return plan_runs
        if self.variant in ("tcvn3", "vni"):
            return plan_legacy
        return plan_single

    def map_char(self, key, ch):
        """Unicode string ToUnicode gives for character `ch` drawn with run font `key`;
        None when the font has no ToUnicode."""
        style, k, caps = key
        v = self.variant
        if v == "brokenmap":
            return " " if ch in self.lost.get((style, k), ()) else ch
        if v == "nomap":
            return None if (style, k) in self.nomap else ch
        if v == "uhorn":
            if (style, k) in self.uhorn:
                return {"ư": "ƣ", "Ư": "Ƣ"}.get(ch, ch)
            return ch
        if v == "nfd":
            return unicodedata.normalize("NFD", ch)
        if v in ("tcvn3", "vni"):
            return legacy_render(self.legacy, ch, caps and v == "tcvn3")
        return ch

    def font_name(self, style, caps):
        if self.variant == "tcvn3":
            return (".VnTimeH" if caps else ".VnTime") + LEGACY_STYLE_SUFFIX[style]
        if self.variant == "vni":
            return "VNI-Times" + LEGACY_STYLE_SUFFIX[style]
        return PS_NAMES[style]

    def describe(self):
        if self.variant == "brokenmap":
            return [{"font": "%s/%d" % key, "style": key[0], "run": key[1],
                     "lost": "".join(sorted(chars))} for key, chars in sorted(self.lost.items())]
        if self.variant == "nomap":
            return [{"font": "%s/%d" % key, "style": key[0], "run": key[1], "tounicode": None}
                    for key in sorted(self.nomap)]
        if self.variant == "uhorn":
            return [{"font": "%s/%d" % key, "style": key[0], "run": key[1],
                     "mapped": {"ư": "ƣ", "Ư": "Ƣ"}} for key in sorted(self.uhorn)]
        return None


def choose_lost_set(rng, used):
    """A handful of accented letters up to 10-40 characters including ASCII and digits."""
    used = sorted(c for c in used if not c.isspace())
    accented = [c for c in used if c in VIET_ALL or c in "đĐ"]
    plain = [c for c in used if c.isascii() and c.isalnum()]
    roll = rng.random()
    if roll < 0.35 or not plain:
        n = rng.randint(3, 6)
        pool = accented or used
        base = [c for c in "ươệđ" if c in pool]
        extra = [c for c in pool if c not in base]
        chars = set(base[:2] + rng.sample(extra, min(len(extra), max(0, n - len(base[:2])))))
    else:
        n = rng.randint(10, 40)
        n_plain = min(len(plain), rng.randint(max(2, n // 4), max(3, n // 2)))
        chars = set(rng.sample(plain, n_plain))
        chars |= set(rng.sample(accented, min(len(accented), n - n_plain)))
    return chars


def legacy_render(legacy, ch, caps):
    """The characters a Windows program shows for `ch` typed in a legacy font
    (caps: a capital-only .VnTimeH run font)."""
    table, caps_table = legacy
    if caps and ch in caps_table:
        return caps_table[ch]
    return table.get(ch, ch)


def parse_tounicode(data):
    """CMap bytes -> {code: unicode string} (bfchar and bfrange)."""
    text = data.decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                      block):
            base = int(uni, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(base + i)
    return out


def make_tounicode(name, mapping):
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<00> <FF>", "endcodespacerange"]
    items = sorted(mapping.items())
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines.append("%d beginbfchar" % len(chunk))
        for code, uni in chunk:
            lines.append("<%02X> <%s>" % (code, uni.encode("utf-16-be").hex().upper()))
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(lines) + "\n").encode("ascii")


def subset_prefix(*parts):
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def postprocess(base_pdf, out_pdf, damage, doc_id, title):
    """Rewrite fonts of `base_pdf` for the variant of `damage`, save deterministically."""
    with pikepdf.open(base_pdf) as pdf:
        done = set()
        for page in pdf.pages:
            fonts = page.obj.Resources.get("/Font", {})
            for _, font in fonts.items():
                if font.objgen in done:
                    continue
                done.add(font.objgen)
                rewrite_font(pdf, font, damage, doc_id)
        for page in pdf.pages:
            drop_default_font(pdf, page)
        pdf.docinfo["/Title"] = title
        pdf.save(out_pdf, static_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)


def drop_default_font(pdf, page):
    """Remove reportlab's unused Helvetica (/F1) and the empty text object that selects it."""
    data = page.Contents.read_bytes()
    stub = b"BT /F1 12 Tf 14.4 TL ET\n"
    if stub in data:
        page.Contents = pdf.make_stream(data.replace(stub, b"", 1))
        if "/F1" in page.Resources.Font:
            del page.Resources.Font["/F1"]


def rewrite_font(pdf, font, damage, doc_id):
    old = str(font.BaseFont)[1:]
    if "+" not in old:
        return            # reportlab's unused default Helvetica
    prefix, reg = old.split("+", 1)
    key = key_of_font(reg)
    style, k, caps = key
    mapping = parse_tounicode(font.ToUnicode.read_bytes())
    new_name = "%s+%s" % (subset_prefix(doc_id, damage.variant, old),
                          damage.font_name(style, caps))
    font.BaseFont = pikepdf.Name("/" + new_name)
    font.FontDescriptor.FontName = pikepdf.Name("/" + new_name)
    if damage.variant == "nomap" and (style, k) in damage.nomap:
        del font["/ToUnicode"]
        if "/Encoding" in font:
            del font["/Encoding"]
        return
    new_map = {code: damage.map_char((style, k, caps), uni) for code, uni in mapping.items()}
    font.ToUnicode = pdf.make_stream(make_tounicode(new_name, new_map))


def page_routes(pages, damage, route):
    """Route per page: `route` if some drawn character extracts differently, else text."""
    out = []
    for pg in pages:
        damaged = 0
        for op in pg.ops:
            if op.kind != "text":
                continue
            for ch in op.text:
                got = damage.map_char(op.key, ch)
                if got != ch and not (got is None and ch.isspace()):
                    damaged += 1
        out.append({"page": pg.number, "route": route if damaged else "text",
                    "damaged_chars": damaged})
    return out


def used_chars_by_run(pages):
    used = {}
    for pg in pages:
        for op in pg.ops:
            if op.kind == "text":
                used.setdefault(op.key[:2], set()).update(op.text)
    return used


# --------------------------------------------------------------------------------------------
# 5.-6. Scan and mixed variants
# --------------------------------------------------------------------------------------------

SCAN_DATE = datetime.datetime(2024, 1, 1, 0, 0, 0)


SCAN_DPI = (175, 150)   # (the document with fewest pages, the others); see README "Size"


def scan_dpi(doc_ids_by_pages, doc_id):
    """The document with fewest pages gets SCAN_DPI[0], the others SCAN_DPI[1]: 300 dpi
    grayscale JPEG costs ~420 KB a page and does not fit the 20 MB budget."""
    order = sorted(doc_ids_by_pages, key=lambda d: (doc_ids_by_pages[d], d))
    return SCAN_DPI[0] if doc_id in order[:1] else SCAN_DPI[1]


def degrade(img, rng_np, angle, quality, dpi):
    """Skew, blur, noise, paper/ink levels, JPEG: one grayscale page image -> JPEG bytes.
    Near-white is clipped to white as scanner drivers do (keeps the JPEG small)."""
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=False)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.7 * dpi / 150))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + rng_np.normal(0.0, 4.0, arr.shape).astype(np.float32)
    arr = arr * 0.97 + 4.0
    arr[arr > 232] = 255
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(arr, "L").save(out, "JPEG", quality=quality, dpi=(dpi, dpi),
                                   optimize=True, progressive=True)
    return out.getvalue()


def make_scan(clean_pdf, out_pdf, doc_id, dpi):
    rng = rng_for(doc_id, "scan")
    quality = rng.randint(50, 58)
    rng_np = np.random.default_rng(int(hashlib.sha256(("scan:" + doc_id).encode())
                                       .hexdigest()[:8], 16))
    info = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(clean_pdf),
                        os.path.join(tmp, "p")], check=True)
        images = []
        for f in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
            angle = round(rng.uniform(0.3, 1.0) * rng.choice((-1, 1)), 3)
            with Image.open(f) as im:
                images.append(degrade(im.convert("L"), rng_np, angle, quality, dpi))
            info.append({"skew_deg": angle})
    raw = img2pdf.convert(images, creationdate=SCAN_DATE, moddate=SCAN_DATE, producer="scanner",
                          engine=img2pdf.Engine.internal,
                          layout_fun=img2pdf.get_layout_fun(A4, fit=img2pdf.FitMode.into))
    with pikepdf.open(io.BytesIO(raw)) as pdf:       # static /ID, no linearization
        pdf.save(out_pdf, static_id=True)
    return {"dpi": dpi, "jpeg_quality": quality, "pages": info}


def make_mixed(clean_pdf, scan_pdf, out_pdf, doc_id, n_pages):
    rng = rng_for(doc_id, "mixed")
    n_scan = max(1, round(n_pages * 0.4))
    scanned = sorted(rng.sample(range(1, n_pages + 1), n_scan))
    with pikepdf.open(clean_pdf) as clean, pikepdf.open(scan_pdf) as scan:
        out = pikepdf.new()
        for p in range(1, n_pages + 1):
            src = scan if p in scanned else clean
            out.pages.append(src.pages[p - 1])
        out.docinfo["/Title"] = str(clean.docinfo.get("/Title", ""))
        out.save(out_pdf, static_id=True, compress_streams=True)
    return scanned


# --------------------------------------------------------------------------------------------
# 7. Bad inputs
# --------------------------------------------------------------------------------------------

def decrypted_sha256(path, password):
    """sha256 of the decrypted file (qpdf --decrypt --static-id is deterministic)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "d.pdf"
        subprocess.run(["qpdf", "--password=" + password, "--decrypt", "--static-id", str(path),
                        str(out)], check=True)
        return sha256_file(out)


def encrypt(src, dst, user, owner, extra, previous):
    """qpdf AES-256 (R6) always draws a random file key and salts, so the bytes differ on
    every run.  If the previous file (from an earlier run) decrypts to the same content,
    keep its bytes; the manifest records the decrypted hash for --verify."""
    subprocess.run(["qpdf", "--static-id", "--static-aes-iv", "--encrypt", user, owner, "256"]
                   + extra + ["--", str(src), str(dst)], check=True)
    content = decrypted_sha256(dst, user or owner)
    old = previous.get(dst.name)
    if old is not None:
        with tempfile.TemporaryDirectory() as tmp:
            keep = Path(tmp) / dst.name
            keep.write_bytes(old)
            try:
                same = decrypted_sha256(keep, user or owner) == content
            except subprocess.CalledProcessError:
                same = False
        if same:
            dst.write_bytes(old)
    return content


def make_bad(out_dir, clean_pdfs, previous):
    bad = out_dir / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    entries = []

    def add(name, expect, what, **extra):
        entries.append(dict({"path": "bad/" + name, "expect": expect, "description": what,
                             "sha256": sha256_file(bad / name),
                             "bytes": (bad / name).stat().st_size}, **extra))

    src = Path(clean_pdfs["002"])
    (bad / "empty.pdf").write_bytes(b"")
    add("empty.pdf", "error", "0 bytes: report an empty file, no pages")

    data = src.read_bytes()
    (bad / "truncated.pdf").write_bytes(data[: int(len(data) * 0.6)])
    add("truncated.pdf", "error-or-partial",
        "clean 002 cut at 60 % of its bytes (no xref, no trailer): either an error or the "
        "pages that can be recovered, flagged as damaged; never a crash")

    content = encrypt(src, bad / "encrypted.pdf", "secret", "owner-pw", [], previous)
    add("encrypted.pdf", "error",
        "AES-256 (R6) with user password \"secret\": report encrypted / password required",
        byte_stable=False, decrypted_sha256=content, password="secret")

    content = encrypt(src, bad / "owner-only.pdf", "", "owner-pw",
                      ["--print=none", "--modify=none", "--extract=n"], previous)
    add("owner-only.pdf", "extract",
        "AES-256 with an empty user password and owner password \"owner-pw\" (printing and "
        "extraction restricted): must open and extract like clean 002",
        byte_stable=False, decrypted_sha256=content, password="")

    (bad / "not-a-pdf.pdf").write_bytes(
        "BÁO CÁO\nTình hình thực hiện công tác cải cách hành chính quý I năm 2024.\n"
        "Tệp này là văn bản thuần, không phải PDF.\n".encode("utf-8"))
    add("not-a-pdf.pdf", "error", "a short UTF-8 Vietnamese text file named .pdf")

    (bad / "html-error.pdf").write_bytes(
        ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
         "<title>404 - Không tìm thấy trang</title></head>\n<body><h1>Không tìm thấy tài "
         "liệu</h1><p>Đường dẫn tải văn bản không tồn tại hoặc đã bị xóa.</p></body></html>\n")
        .encode("utf-8"))
    add("html-error.pdf", "error",
        "an HTML error page saved as .pdf (what a portal returns for a dead download link)")

    c = canvas.Canvas(str(bad / "huge-page.pdf"), pagesize=(14400, 14400), invariant=1)
    c.setFont("S-R", 14)
    c.drawString(72, 14400 - 144, "Trang rất lớn: 14400 x 14400 pt (khoảng 5 m x 5 m).")
    c.showPage()
    c.save()
    add("huge-page.pdf", "extract",
        "one page with a 14400 x 14400 pt MediaBox and one line of text: extract the line; "
        "a renderer must cap the raster size instead of allocating 5 m at 300 dpi")

    z = pikepdf.new()
    z.save(bad / "zero-pages.pdf", static_id=True)
    add("zero-pages.pdf", "error", "valid structure, empty page tree (/Count 0): no pages")

    broken = bytearray()
    with pikepdf.open(src) as pdf:
        buf = io.BytesIO()
        pdf.save(buf, static_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        broken = bytearray(buf.getvalue())
    xref = broken.rfind(b"\nxref\n")
    trailer = broken.find(b"trailer", xref)
    region = broken[xref:trailer].decode("latin-1")

    def corrupt(m):
        return "%010d" % ((int(m.group(1)) * 7 + 13) % 10 ** 6) + m.group(2)
    region = re.sub(r"(\d{10})( \d{5} n)", corrupt, region)
    broken[xref:trailer] = region.encode("latin-1")
    (bad / "broken-xref.pdf").write_bytes(bytes(broken))
    add("broken-xref.pdf", "extract",
        "clean 002 with every xref offset wrong: a reader must reconstruct the xref by "
        "scanning and extract like clean 002")

    junk = ("Tệp gửi kèm email\r\n".encode("utf-8") + b"\x00" * 16) + data
    (bad / "leading-junk.pdf").write_bytes(junk)
    add("leading-junk.pdf", "extract",
        "clean 002 preceded by 38 bytes of junk before %PDF- (mail gateways do this): "
        "readers tolerate up to 1024 bytes, extract like clean 002")

    c = canvas.Canvas(str(bad / "blank-page.pdf"), pagesize=A4, invariant=1)
    c.showPage()
    c.save()
    add("blank-page.pdf", "extract-empty",
        "one valid A4 page with no content: zero characters, must not be mistaken for a scan "
        "needing OCR of text (an empty page)")
    return entries


# --------------------------------------------------------------------------------------------
# 8. Driver, manifest, checks
# --------------------------------------------------------------------------------------------

BODY_SIZE = {"000": 13.0, "001": 13.0, "002": 14.0, "003": 14.0}


def doc_geometry(doc_id):
    """Body size per document (13 pt for the two long ones), right margin 15 or 20 mm (seeded)."""
    rng = rng_for(doc_id, "geometry")
    return Geometry(size=BODY_SIZE.get(doc_id, 14.0), right_mm=rng.choice((15.0, 20.0)))


def doc_title(blocks):
    """The title block's lines; without one (000 starts mid-document) the first paragraph's
    first words."""
    clean = lambda t: FOOTNOTE_REF.sub("", re.sub(r"\*\*|(?<!\w)_|_(?!\w)", "", t))
    for b in blocks:
        if b.kind == "title":
            return " ".join(clean(t) for t in b.lines)
    first = next((b.lines[0] for b in blocks if b.kind == "para"), "")
    words = clean(first).split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


def legacy_tables():
    """Tables written by the normalizer's owners: normalize/data/legacy/{tcvn3,tcvn3_h,vni}.tsv."""
    base = REPO / "normalize" / "data" / "legacy"
    paths = {n: base / (n + ".tsv") for n in ("tcvn3", "tcvn3_h", "vni")}
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        return None, "missing " + ", ".join(missing)
    tables = {n: load_legacy_table(p) for n, p in paths.items()}
    return {"tcvn3": (tables["tcvn3"], tables["tcvn3_h"]), "vni": (tables["vni"], {})}, None


def generate(out_dir, source_dir, log=print):
    t0 = time.time()
    register_fonts()
    out_dir = Path(out_dir)
    previous = {n: (out_dir / "bad" / n).read_bytes() for n in ("encrypted.pdf", "owner-only.pdf")
                if (out_dir / "bad" / n).exists()}
    for sub in ("pdf", "truth", "bad"):
        if (out_dir / sub).exists():
            shutil.rmtree(out_dir / sub)
    legacy, legacy_err = legacy_tables()
    variants = [v for v in VARIANTS if legacy or v not in ("tcvn3", "vni")]
    if legacy_err:
        log("warning: %s: skipping tcvn3 and vni" % legacy_err)
    docs, files, layouts = [], [], {}
    for doc_id in DOC_IDS:
        src = Path(source_dir) / ("%s.txt" % doc_id)
        if not src.exists():
            log("warning: %s missing, skipped" % src)
            continue
        blocks, footnotes = parse_source(src.read_text(encoding="utf-8"))
        geo = doc_geometry(doc_id)
        pages = Layout(doc_id, geo, footnotes).run(blocks)
        layouts[doc_id] = (pages, doc_title(blocks))
        write_truth(out_dir, doc_id, pages)
        docs.append({"id": doc_id, "title": doc_title(blocks), "split": SPLIT[doc_id],
                     "source": "source/%s.txt" % doc_id, "source_sha256": sha256_file(src),
                     "pages": len(pages), "truth": "truth/%s" % doc_id,
                     "font_size": geo.size, "margins_mm": {"top": 20, "bottom": 20,
                                                           "left": 30, "right": geo.right_mm}})
        log("%s: %d pages (%.1fs)" % (doc_id, len(pages), time.time() - t0))
    page_counts = {d: len(layouts[d][0]) for d in layouts}
    clean_paths = {}
    with tempfile.TemporaryDirectory() as tmp:
        for doc_id, (pages, title) in layouts.items():
            used = used_chars_by_run(pages)
            base_cache = {}
            for variant in variants:
                vdir = out_dir / "pdf" / variant
                vdir.mkdir(parents=True, exist_ok=True)
                path = vdir / ("%s.pdf" % doc_id)
                entry = {"path": "pdf/%s/%s.pdf" % (variant, doc_id), "doc": doc_id,
                         "variant": variant}
                if variant == "scan":
                    entry["scan"] = make_scan(clean_paths[doc_id], path, doc_id,
                                              scan_dpi(page_counts, doc_id))
                    entry["pages"] = [{"page": p.number, "route": "ocr"} for p in pages]
                elif variant == "mixed":
                    scanned = make_mixed(clean_paths[doc_id], out_dir / "pdf/scan" /
                                         ("%s.pdf" % doc_id), path, doc_id, len(pages))
                    entry["scanned_pages"] = scanned
                    entry["pages"] = [{"page": p.number,
                                       "route": "ocr" if p.number in scanned else "text"}
                                      for p in pages]
                else:
                    lg = legacy.get(variant) if legacy else None
                    damage = Damage(variant, doc_id, used, lg)
                    plan = damage.plan
                    plan_id = plan.__name__
                    if plan_id not in base_cache:
                        base = Path(tmp) / ("%s-%d.pdf" % (doc_id, len(base_cache)))
                        render(pages, plan, base, title)
                        base_cache[plan_id] = base
                    postprocess(base_cache[plan_id], path, damage, doc_id, title)
                    route = VARIANT_INFO[variant][1]
                    entry["pages"] = page_routes(pages, damage, route)
                    if damage.describe() is not None:
                        entry["run_fonts"] = damage.describe()
                    if variant == "clean":
                        clean_paths[doc_id] = path
                entry["sha256"] = sha256_file(path)
                entry["bytes"] = path.stat().st_size
                files.append(entry)
            log("%s: variants done (%.1fs)" % (doc_id, time.time() - t0))
    bad = make_bad(out_dir, clean_paths, previous) if "002" in clean_paths else []
    manifest = {
        "generator": "corpus/generate.py",
        "seed": SEED,
        "documents": docs,
        "variants": [{"name": v, "description": VARIANT_INFO[v][0],
                      "expected_route": VARIANT_INFO[v][1]} for v in variants],
        "routes": {"text": "use the text layer as is", "repair": "text layer readable after "
                   "a character-level repair (legacy encoding, NFD, ƣ)", "recover": "text layer "
                   "lost characters: recover from glyph shapes / OCR of the affected runs",
                   "ocr": "no text layer: OCR the page image"},
        "truth_format": "corpus/FORMAT.md",
        "files": files,
        "truth_files": truth_hashes(out_dir, docs),
        "bad": bad,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1)
                                           + "\n", encoding="utf-8")
    log("done in %.1fs" % (time.time() - t0))
    return manifest


def write_truth(out_dir, doc_id, pages):
    tdir = out_dir / "truth" / doc_id
    tdir.mkdir(parents=True, exist_ok=True)
    for pg in pages:
        (tdir / ("page-%03d.txt" % pg.number)).write_text("\n".join(pg.truth) + "\n",
                                                          encoding="utf-8")


def truth_hashes(out_dir, docs):
    out = {}
    for d in docs:
        for f in sorted((out_dir / "truth" / d["id"]).glob("page-*.txt")):
            out["truth/%s/%s" % (d["id"], f.name)] = sha256_file(f)
    return out


# -- checks -------------------------------------------------------------------------------------

def levenshtein(a, b):
    """Edit distance, bit-parallel (Myers/Hyyrö), O(len(a) * len(b) / wordsize)."""
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq = {}
    for i, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def fold(s):
    return re.sub(r"\s+", " ", s.translate(UNSUPERSCRIPT)).strip()


def pdftotext_pages(path, mode="-raw"):
    args = ["pdftotext", "-enc", "UTF-8"] + ([mode] if mode else []) + [str(path), "-"]
    out = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8", "replace")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def check(out_dir):
    """CER of pdftotext on clean against the truth; defect check of every text variant."""
    out_dir = Path(out_dir)
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    ok = True
    print("pdftotext CER on clean (whitespace folded, superscripts as digits):")
    print("doc   pages  chars   CER(-raw)  CER(default)")
    for d in manifest["documents"]:
        truth = [(out_dir / d["truth"] / ("page-%03d.txt" % p)).read_text(encoding="utf-8")
                 for p in range(1, d["pages"] + 1)]
        res = []
        for mode in ("-raw", None):
            got = pdftotext_pages(out_dir / "pdf/clean" / ("%s.pdf" % d["id"]), mode)
            if len(got) != len(truth):
                print("  %s: page count %d != %d" % (d["id"], len(got), len(truth)))
                ok = False
            errs = sum(levenshtein(fold(t), fold(g)) for t, g in zip(truth, got))
            res.append(errs / max(1, sum(len(fold(t)) for t in truth)))
        chars = sum(len(fold(t)) for t in truth)
        print("%s   %5d  %6d  %8.4f%%  %8.4f%%" % (d["id"], d["pages"], chars,
                                                    100 * res[0], 100 * res[1]))
        if res[0] > 0.01:
            ok = False
    print()
    print("defect check: pdftotext -raw of each page vs the same page of clean; a page whose "
          "route is text must extract exactly like clean, any other page must differ:")
    clean_text = {}
    for f in manifest["files"]:
        if f["variant"] == "clean":
            clean_text[f["doc"]] = [fold(t) for t in pdftotext_pages(out_dir / f["path"])]
    for f in manifest["files"]:
        if f["variant"] in ("clean", "scan"):
            continue
        got = [fold(t) for t in pdftotext_pages(out_dir / f["path"])]
        ref = clean_text[f["doc"]]
        bad_pages = []
        for info, c, g in zip(f["pages"], ref, got):
            if f["variant"] == "mixed" and info["route"] == "ocr":
                same = not g
                if not same:
                    bad_pages.append((info["page"], "ocr page has text"))
                continue
            if (info["route"] == "text") != (c == g):
                bad_pages.append((info["page"], info["route"]))
        if len(got) != len(ref):
            bad_pages.append(("page count", len(got)))
        n_dmg = sum(1 for p in f["pages"] if p["route"] != "text")
        print("  %-9s %s: %2d/%2d pages not text; mismatches: %s"
              % (f["variant"], f["doc"], n_dmg, len(f["pages"]), bad_pages or "none"))
        if bad_pages:
            ok = False
    for f in manifest["files"]:
        if f["variant"] == "scan":
            got = pdftotext_pages(out_dir / f["path"])
            n = sum(len(g.strip()) for g in got)
            print("  scan     %s: %d characters in text layer" % (f["doc"], n))
            ok = ok and n == 0
    print("check:", "OK" if ok else "FAILED")
    return ok


def expected_hashes(manifest):
    """path -> hash to compare: sha256 of the bytes, or of the decrypted content for the
    encrypted files that qpdf cannot write byte-stably."""
    out = {}
    for f in manifest["files"] + manifest["bad"]:
        out[f["path"]] = f.get("decrypted_sha256") or f["sha256"]
    out.update(manifest["truth_files"])
    return out


def disk_hash(out_dir, manifest, rel):
    p = Path(out_dir) / rel
    if not p.exists():
        return None
    entry = next((f for f in manifest["bad"] if f["path"] == rel), {})
    if entry.get("decrypted_sha256"):
        return decrypted_sha256(p, entry["password"] or "owner-pw")
    return sha256_file(p)


def verify(out_dir, source_dir):
    """Regenerate into a temporary directory; compare with the manifest and the files."""
    out_dir = Path(out_dir)
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    expected = expected_hashes(manifest)
    differ = []
    for rel, sha in expected.items():
        if disk_hash(out_dir, manifest, rel) != sha:
            differ.append("on disk differs from manifest: " + rel)
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp, source_dir, log=lambda *a: None)
        new = json.loads((Path(tmp) / "manifest.json").read_text(encoding="utf-8"))
        got = expected_hashes(new)
        for rel in sorted(set(expected) | set(got)):
            if expected.get(rel) != got.get(rel):
                differ.append("regenerated differs: " + rel)
        strip = lambda m: json.dumps({k: v for k, v in m.items() if k not in ("files", "bad")},
                                     sort_keys=True)
        if strip(manifest) != strip(new):
            differ.append("regenerated differs: manifest.json (documents/variants)")
    if differ:
        print("verify: %d differences" % len(differ))
        for d in differ:
            print("  " + d)
        return False
    print("verify: all %d files reproduce (byte for byte; encrypted files by their "
          "decrypted content)" % len(expected))
    return True


def inventory(out_dir):
    out_dir = Path(out_dir)
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    docs = [d["id"] for d in manifest["documents"]]
    print("| variant | " + " | ".join(docs) + " | total |")
    print("|---|" + "---|" * (len(docs) + 1))
    for v in manifest["variants"]:
        row, tot = [], 0
        for d in docs:
            f = next(x for x in manifest["files"] if x["variant"] == v["name"] and x["doc"] == d)
            row.append("%d p, %.0f KB" % (len(f["pages"]), f["bytes"] / 1024))
            tot += f["bytes"]
        print("| %s | %s | %.0f KB |" % (v["name"], " | ".join(row), tot / 1024))
    total = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    print("\ncorpus/ total: %.2f MB" % (total / 1e6))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(CORPUS), help="output directory (default: corpus/)")
    ap.add_argument("--source", default=str(CORPUS / "source"), help="source directory")
    ap.add_argument("--check", action="store_true", help="check the generated corpus")
    ap.add_argument("--verify", action="store_true", help="regenerate and compare sha256")
    ap.add_argument("--inventory", action="store_true", help="print the inventory table")
    args = ap.parse_args()
    if args.verify:
        sys.exit(0 if verify(args.out, args.source) else 1)
    if args.inventory:
        inventory(args.out)
        return
    if args.check:
        register_fonts()
        sys.exit(0 if check(args.out) else 1)
    generate(args.out, args.source)


if __name__ == "__main__":
    main()
