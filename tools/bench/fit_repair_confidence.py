#!/usr/bin/env python3
"""Fits the confidence reported for lost-character repairs.

The decoder's posterior alone is surer than right where a line kept few of
its letters. A logistic model over the posterior and the evidence around a
repair (how much of the token and of its neighbourhood the line still shows,
whether a first letter and its case were guessed) turns it into the
confidence `baocao repair` reports (normalize/src/repair_confidence.cc).

Fit on held-out dev only: each dev document repaired with a model trained
without it, damaged with several seeds and both lost-set pools:

  for seed in 1 2 3; do for pool in run document; do for d in 001 002; do
    build/tools/bench/repair_bench --docs $d --model no$d.bin --pool $pool \
        --seed $seed --dump dumps/dev_${d}_${pool}_$seed
  done; done; done
  tools/bench/fit_repair_confidence.py dumps/dev_* [--report dumps/test_*]

(no001.bin: `baocao_make_lm no001.bin --syllables ... --domain-weight 3
corpus/source/002.txt --general ...`, and the reverse.) Prints the weights,
and the share of repairs above 0.9 and their precision as dumped and as the
new weights would have it.
"""
import math
import sys

WINDOW = 20  # code points on each side of a repair
POWER = 1.5  # the fitted probability is raised to this power (see below)
NAMES = ["bias", "logit_posterior", "logit_posterior_x_window", "shown", "window_restored", "window_restored_squared",
         "first_restored", "first_capital_guessed", "inverse_length", "in_capitals"]


def load(base):
    damaged = open(base, encoding="utf-8").read().split("\n")
    repaired = open(base + ".out", encoding="utf-8").read().split("\n")
    rows = []
    for record in open(base + ".tokens", encoding="utf-8"):
        line, begin, end, confidence, posterior, right, after = record.rstrip("\n").split("\t")
        line, begin, end, posterior = int(line), int(begin), int(end), float(posterior)
        if posterior < 0:
            continue  # numbers read back from the document keep their own confidence
        rows.append((features(damaged[line], repaired[line], begin, end, after, posterior),
                     int(right), float(confidence)))
    return rows


def features(damaged, repaired, begin, end, after, posterior):
    span = damaged[begin:end]
    lo, hi = max(0, begin - WINDOW), min(len(damaged), end + WINDOW)
    restored = sum(1 for a, o in zip(damaged[lo:hi], repaired[lo:hi]) if a == " " and o != " ")
    letters = sum(1 for o in repaired[lo:hi] if o.isalpha())
    window = restored / max(letters, 1)
    first = after[:1]
    first_restored = span[:1] == " " and first.lower() != first.upper()
    capital_guessed = first_restored and first.isupper() and not after.isupper()
    p = min(max(posterior, 1e-5), 1 - 1e-6); lp = math.log(p / (1 - p))
    return [1.0, lp, lp * window, sum(1 for c in span if c != " ") / max(len(span), 1),
            window, window * window, float(first_restored), float(capital_guessed),
            1.0 / len(after), float(len(after) > 1 and after.isupper())]


def fit(rows, l2=1.0, iterations=50):
    """L2-regularised logistic regression by Newton's method."""
    k = len(rows[0][0])
    w = [0.0] * k
    for _ in range(iterations):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y, _ in rows:
            p = sigmoid(dot(w, x))
            for i in range(k):
                grad[i] += (p - y) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, k):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for cc in range(c, n + 1):
                    m[r][cc] -= f * m[c][cc]
    return [m[i][n] / m[i][i] for i in range(n)]


def dot(w, x):
    return sum(a * b for a, b in zip(w, x))


def sigmoid(z):
    z = max(min(z, 30.0), -30.0)
    return 1 / (1 + math.exp(-z))


def report(label, rows, confidence, threshold=0.9):
    above = [y for x, y, c in rows if confidence(x, c) >= threshold]
    print(f"  {label}: {len(above)} of {len(rows)} above {threshold} ({100 * len(above) / max(len(rows), 1):.1f}%),"
          f" precision {100 * sum(above) / max(len(above), 1):.2f}%")


def main(argv):
    report_from = argv.index("--report") if "--report" in argv else len(argv)
    train = [r for base in argv[1:report_from] for r in load(base)]
    w = fit(train)
    print("weights:", ", ".join(f"{n} {v:.4f}" for n, v in zip(NAMES, w)))
    calibrated = lambda x, c: sigmoid(dot(w, x)) ** POWER
    as_shipped = lambda x, c: c
    print("dev (fitted on):")
    report("as dumped", train, as_shipped)
    report("calibrated", train, calibrated)
    for base in argv[report_from + 1:]:
        rows = load(base)
        print(base + ":")
        report("as dumped", rows, as_shipped)
        report("calibrated", rows, calibrated)


if __name__ == "__main__":
    main(sys.argv)
