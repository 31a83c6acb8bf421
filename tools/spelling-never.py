#!/usr/bin/env python3
"""Regenerate the spelling targets and the list of real words never corrected, in
src/BackCare.Clinical/Content/en/spelling.json (decision 0008).

Targets are the lexicon's words of five letters or more (Content/en/narrative.json, findings and
'unless' phrases, and the narrative cues of Language/Context/cues.en.json) plus the extra clinical words
below. 'never' lists every real English word (Debian's wamerican and wbritish word lists, public domain:
`apt-get install wamerican wbritish`) within the edit distance the reader corrects at (one, two for
eight letters or more) of a target. The respellings are kept as they are. Slow (minutes): run it when
the lexicon gains words.
"""
import collections, json, re, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
LEXICON = f"{ROOT}/src/BackCare.Clinical/Content/en/narrative.json"
CUES = f"{ROOT}/src/BackCare.Clinical/Language/Context/cues.en.json"
SPELLING = f"{ROOT}/src/BackCare.Clinical/Content/en/spelling.json"
EXTRA = ["temperature", "urinating", "urinate", "incontinence", "incontinent", "numbness", "tingling", "paralysed",
         "paralyzed", "paralysis", "osteoporosis", "prednisolone", "prednisone", "chemotherapy", "sciatica", "vomiting",
         "stumbling", "weakness", "yesterday", "tomorrow", "paracetamol", "ibuprofen", "acetaminophen", "naproxen",
         "diclofenac", "codeine", "warfarin", "rivaroxaban", "apixaban", "clopidogrel", "steroids", "antibiotics",
         "genitals", "buttocks", "constantly", "constant", "breathless", "pregnant", "pregnancy", "kidney", "kidneys",
         "bladder", "bowels", "fever", "feverish", "cancer", "spasms", "spasm", "spasming", "shivering", "swollen",
         "swelling", "pulsating", "throbbing", "collapsed", "buckling", "dragging", "catching", "lifting", "twisted",
         "twisting", "sneezed", "sneezing", "coughing", "coughed", "slipped", "tripped", "falling", "walking",
         "standing", "balance", "unsteady", "wobbly", "tailbone", "lumbar", "spinal", "injection", "epidural",
         "infection", "toilet", "urine", "stomach", "tummy", "groin", "thighs", "ankle", "weeks", "months", "hours",
         "minutes", "since", "morning", "evening", "night", "tablets", "painkillers", "painkiller", "killing", "agony",
         "excruciating", "unbearable", "emergency", "ambulance", "hospital"]


def words_of(phrase):
    for element in phrase.split():
        for alternative in element.strip("[]").split("|"):
            for word in alternative.split("_"):
                if re.fullmatch(r"[a-z]+", word):
                    yield word


def distance(a, b, limit):
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[len(b)]


lexicon = json.load(open(LEXICON))
words = set()
for entry in lexicon["findings"]:
    for phrase in entry["phrases"] + entry.get("unless", []):
        words.update(words_of(phrase))
cues = open(CUES).read()
words.update(w for w in re.findall(r'"([a-z ]+)"', cues) for w in w.split())
targets = sorted({w for w in words if len(w) >= 5} | set(EXTRA))
by_length = collections.defaultdict(list)
for t in targets:
    by_length[len(t)].append(t)

real = set()
for path in ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]:
    for line in open(path, encoding="utf-8", errors="ignore"):
        w = line.strip().lower().replace("\u2019", "'")
        if re.fullmatch(r"[a-z]+", w):
            real.add(w)

never = set()
target_set = set(targets)
for w in real:
    if w in target_set or len(w) < 5:
        continue
    limit = 1 if len(w) < 8 else 2
    if any(distance(w, t, 1 if min(len(t), len(w)) < 8 else 2) <= (1 if min(len(t), len(w)) < 8 else 2)
           for n in range(len(w) - limit, len(w) + limit + 1) for t in by_length.get(n, [])):
        never.add(w)

spelling = json.load(open(SPELLING), object_pairs_hook=collections.OrderedDict)
spelling["targets"] = targets
spelling["never"] = sorted(never)
open(SPELLING, "w").write(json.dumps(spelling, indent=1, ensure_ascii=False))
print(f"{len(targets)} targets, {len(never)} real words never corrected")
