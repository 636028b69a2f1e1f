#!/usr/bin/env python3
"""Independent check of Chorus's log ingestion (issue 5), written without looking at the Swift
code's internals: it implements the issue's extraction rules with Python's `json` and `re`.

Run once:  python3 Tests/ChorusIngestTests/Independent/expected_realdata.py [FOLDER]
(FOLDER: the real logs; default $CHORUS_REALDATA, else ../shared/realdata, as in the Swift tests.)
It prints, for each real log, the numbers that RealDataTests.swift and AnalyzeCommandTests.swift
expect (questions, agents, rounds, task, per round: correct responses, no-answer responses,
individual accuracy, majority accuracy, unanimity) and an FNV-1a 64-bit digest of every
record's (question, agent, round, answer, correct), so every single extracted answer is checked.

Rules (issue 5; docs/formats.md):
- numeric: content of the last balanced \\boxed{...} if any, else the whole reply; last match of
  -?\\d[\\d,]*(\\.\\d+)? (ASCII digits), commas removed; canonical decimal (15 significant
  digits rounded half up, no leading zeros, no trailing fraction zeros, no -0). Truth: first
  number after the last '####', else the last number. Equal when |a - t| <= 1e-6 * max(1, |t|).
- choice: last '(X)' with X in A-J. Truth: the letter.
- math: last balanced \\boxed{...}, normalised. Equal as strings or as numbers.
- Task per file: the most common truth class (letter -> choice; '####' or number -> numeric;
  '\\boxed' -> math).
- Majority: most frequent answer among answering agents; ties -> the largest tied answer
  string (the official multiagent-ft `most_frequent`: sort (count, answer) pairs, take the
  last); nobody answered -> no majority (wrong).
- Unanimity: every agent answered and all answers are equal.
- Consensus: fraction of answering agents whose answer is the majority (questions where nobody
  answered are left out of the mean). Entropy: plug-in entropy (nats) of the answers given
  (same exclusion). Flips (round r-1 -> r, per agent): right->right, right->wrong, wrong->right,
  wrong->same wrong (same answer or no answer twice), wrong->other wrong.

History: the first run disagreed with the Swift code on one Agora question (q0052): this script
used Decimal.normalize() at Python's default 28-digit context, which silently rounded the
agents' long repeating decimals (1.6454545...) to one value, while the Swift code kept every
digit. Neither was then "wrong" by the rules, but answers equal to machine precision should be
one answer in a vote, so the canonical form was fixed for both at 15 significant digits
(rounded half up, exact decimal arithmetic), documented in docs/formats.md.
"""
import json, math, re, sys, os
from collections import Counter
from decimal import Context, ROUND_HALF_UP

NUM = re.compile(r'-?\d[\d,]*(\.\d+)?', re.ASCII)
CHOICE = re.compile(r'\(([A-J])\)')

def boxed_all(s):
    """Contents of every balanced \\boxed{...}, ordered by the position of the opening."""
    out = []
    for m in re.finditer(r'\\boxed\{', s):
        depth, j = 1, m.end()
        while j < len(s):
            if s[j] == '{': depth += 1
            elif s[j] == '}':
                depth -= 1
                if depth == 0: break
            j += 1
        if depth == 0:
            out.append(s[m.end():j])
    return out

CTX = Context(prec=15, rounding=ROUND_HALF_UP)

def canon(num):
    """Canonical decimal: rounded half up to 15 significant digits, no exponent, no
    leading/trailing zeros, no -0 (Python's decimal module does the arithmetic)."""
    d = CTX.create_decimal(num)
    if d == 0: return "0"
    return format(d.normalize(CTX), 'f')

def numbers(s):
    return [canon(m.group(0).replace(',', '')) for m in NUM.finditer(s)]

def norm_math(s):
    s = re.sub(r'\s', '', s)
    for a, b in [('\\left', ''), ('\\right', ''), ('\\!', ''), ('\\dfrac', '\\frac'), ('\\tfrac', '\\frac'),
                 ('^{\\circ}', ''), ('^\\circ', ''), ('\\$', '')]:
        s = s.replace(a, b)
    return s.rstrip('.')

def extract(reply, task):
    if task == 'numeric':
        b = boxed_all(reply)
        scope = b[-1] if b else reply
        n = numbers(scope)
        return n[-1] if n else None
    if task == 'choice':
        c = CHOICE.findall(reply)
        return c[-1] if c else None
    if task == 'math':
        b = boxed_all(reply)
        if not b: return None
        n = norm_math(b[-1])
        return n or None
    return None

def truth_of(raw, task):
    if task == 'numeric':
        if '####' in raw:
            n = numbers(raw[raw.rfind('####') + 4:])
            return n[0] if n else None
        n = numbers(raw)
        return n[-1] if n else None
    if task == 'choice':
        t = raw.strip().upper()
        if len(t) == 3 and t[0] == '(' and t[2] == ')': t = t[1]
        if len(t) == 1 and 'A' <= t <= 'J': return t
        c = CHOICE.findall(raw)
        return c[-1] if c else None
    if task == 'math':
        b = boxed_all(raw)
        n = norm_math(b[-1] if b else raw)
        return n or None

def as_float(s):
    try:
        return float(s)
    except ValueError:
        return None

def equal(a, t, task):
    if task == 'numeric':
        x, y = as_float(a), as_float(t)
        return abs(x - y) <= 1e-6 * max(1.0, abs(y))
    if task == 'choice':
        return a == t
    if task == 'math':
        if a == t: return True
        x, y = as_float(a), as_float(t)
        return x is not None and y is not None and abs(x - y) <= 1e-6 * max(1.0, abs(y))

def classify(t):
    s = t.strip().upper()
    if len(s) == 3 and s[0] == '(' and s[2] == ')': s = s[1]
    if len(s) == 1 and 'A' <= s <= 'J': return 'choice'
    if '####' in t: return 'numeric'
    if '\\boxed' in t: return 'math'
    if NUM.search(t): return 'numeric'
    return None

def majority(answers):
    counts = Counter(a for a in answers if a is not None)
    if not counts: return None
    return sorted((c, a) for a, c in counts.items())[-1][1]   # ties: the largest answer string

def load(path):
    d = json.load(open(path, encoding='utf-8'))
    debates = []   # (truth_raw, replies[agent][round])
    if isinstance(d, dict):
        for q, v in d.items():
            contexts = v[0]
            replies = [[m['content'] for m in ctx if m['role'] == 'assistant'] for ctx in contexts]
            debates.append((v[1], replies))
    else:
        for rec in d:
            debates.append((rec['answer'], [list(r) for r in rec['agent_response'].values()]))
    return debates

def fnv1a(data, h=0xcbf29ce484222325):
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h

def main(root):
    for name in sorted(os.listdir(root)):
        if not name.endswith('.json'): continue
        debates = load(os.path.join(root, name))
        classes = Counter(c for c in (classify(t) for t, _ in debates) if c)
        task = max(['choice', 'numeric', 'math'], key=lambda k: classes.get(k, 0))   # ties: this order
        agents = len(debates[0][1]); rounds = len(debates[0][1][0])
        assert all(len(r) == agents and all(len(x) == rounds for x in r) for _, r in debates)
        correct = [0] * rounds; noans = [0] * rounds; maj = [0] * rounds; unan = [0] * rounds
        cons = [[] for _ in range(rounds)]; ent = [[] for _ in range(rounds)]
        flips = [Counter() for _ in range(rounds)]
        digest = 0xcbf29ce484222325
        for qi, (traw, replies) in enumerate(debates):
            t = truth_of(traw, task)
            assert t is not None, (name, qi)
            for r in range(rounds):
                answers = [extract(replies[a][r], task) for a in range(agents)]
                for a, ans in enumerate(answers):
                    ok = ans is not None and equal(ans, t, task)
                    correct[r] += ok; noans[r] += ans is None
                    line = f"q{qi:04d}\t{a}\t{r + 1}\t{ans if ans is not None else '-'}\t{int(ok)}\n"
                    digest = fnv1a(line.encode('utf-8'), digest)
                m = majority(answers)
                maj[r] += m is not None and equal(m, t, task)
                unan[r] += all(x is not None for x in answers) and len(set(answers)) == 1
                given = [x for x in answers if x is not None]
                if given:
                    cons[r].append(sum(x == m for x in given) / len(given))
                    ent[r].append(-sum(c / len(given) * math.log(c / len(given)) for c in Counter(given).values()))
                if r > 0:
                    before = [extract(replies[a][r - 1], task) for a in range(agents)]
                    for a in range(agents):
                        x, y = before[a], answers[a]
                        okx = x is not None and equal(x, t, task); oky = y is not None and equal(y, t, task)
                        kind = ('rr' if oky else 'rw') if okx else ('wr' if oky else ('wsw' if x == y else 'wow'))
                        flips[r][kind] += 1
        n = len(debates)
        print(f"{name}: task={task} questions={n} agents={agents} rounds={rounds} digest=0x{digest:016x}")
        for r in range(rounds):
            print(f"  round {r + 1}: correct={correct[r]}/{n * agents} ({correct[r] / (n * agents):.6f}) "
                  f"noAnswer={noans[r]} majority={maj[r]}/{n} ({maj[r] / n:.6f}) unanimous={unan[r]}/{n} "
                  f"consensus={sum(cons[r]) / len(cons[r]):.15f} entropy={sum(ent[r]) / len(ent[r]):.15f}"
                  + (f" flips rr={flips[r]['rr']} rw={flips[r]['rw']} wr={flips[r]['wr']} wsw={flips[r]['wsw']} wow={flips[r]['wow']}" if r else ""))

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.environ.get('CHORUS_REALDATA') or '../shared/realdata')
