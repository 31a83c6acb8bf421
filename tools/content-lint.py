#!/usr/bin/env python3
"""Check the patient content in content/<lang>/ before it ships.

Errors (exit code 1): missing or empty front matter keys, a slug that differs from the
file name, an unknown source key, a cited key missing from `sources`, a Sources list
that does not match the keys, a help block that differs between education pages,
raw HTML, a broken internal link, a missing or malformed drawing.
Warnings (reported only): an education page whose own text (without the help block
and sources) is outside 400 to 900 words, hard-to-read sentences,
and, when a folder of seed pages is given, runs of 8 words shared with a seed.

Usage: python3 tools/content-lint.py [--content content/en] [--seeds ../shared/seeds]
"""
import argparse
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

REFERENCES = {
    "SEEDS": "Five public clinic pages on back spasms (their facts are summarised in the BackCare clinical brief)",
    "NICE-NG59": "NICE guideline NG59, Low back pain and sciatica in over 16s (2016, updated 2020)",
    "NICE-NG65": "NICE guideline NG65, Spondyloarthritis in over 16s (2017)",
    "NICE-NG234": "NICE guideline NG234, Spinal metastases and metastatic spinal cord compression (2023)",
    "ACP-2017": "Qaseem et al., Annals of Internal Medicine 2017;166:514, noninvasive treatments for low back pain",
    "CKS-RF": "NHS clinical knowledge summary pattern of red flags for low back pain (cauda equina, cancer, infection, fracture)",
    "DOWNIE-2013": "Downie et al., BMJ 2013;347:f7095, red flags for fracture and malignancy",
    "PACE-2014": "Williams et al., Lancet 2014;384:1586, paracetamol for acute low back pain",
    "CASHIN-2021": "Cashin et al., BMJ 2021;374:n1446, muscle relaxants for low back pain",
    "DAHM-2010": "Dahm et al., Cochrane CD007612, advice to rest in bed vs stay active",
    "PENGEL-2003": "Pengel et al., BMJ 2003;327:323, course of acute low back pain",
    "STARTBACK": "Hill et al., Lancet 2011;378:1560, stratified care with the Keele STarT Back tool",
}
LEARN_KEYS = ["title", "slug", "summary", "order", "sources"]
EXERCISE_KEYS = LEARN_KEYS + ["how_often", "feel", "stop_if", "illustration"]
SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_MAX_BYTES = 3072
WORDS_MIN, WORDS_MAX = 400, 900  # the part a writer writes, without the help block and sources
SHINGLE = 8

errors: list[str] = []
warnings: list[str] = []


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def split_page(path: pathlib.Path) -> tuple[dict[str, str], str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)\Z", text, re.S)
    if not match:
        errors.append(f"{path}: no front matter between '---' lines")
        return {}, text
    front: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            errors.append(f"{path}: front matter line is not 'key: value': {line!r}")
            continue
        front[key.strip()] = value.strip()
    return front, match.group(2)


def sections(body: str) -> list[tuple[str, str]]:
    parts = re.split(r"^## (.+)$", body, flags=re.M)
    return [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts), 2)]


def syllables(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (1 if word.endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of prose (list items count as sentences)."""
    prose = re.sub(r"\([A-Z0-9, -]+\)", "", text)
    prose = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", prose)
    sentences = [s for s in re.split(r"[.!?:\n]+", prose) if words(s)]
    all_words = words(prose)
    if not sentences or not all_words:
        return 0.0
    syl = sum(syllables(w) for w in all_words)
    return 0.39 * len(all_words) / len(sentences) + 11.8 * syl / len(all_words) - 15.59


def check_common(path: pathlib.Path, front: dict[str, str], body: str, required: list[str],
                 pages: dict[str, set[str]]) -> list[str]:
    for key in required:
        if not front.get(key):
            errors.append(f"{path}: front matter key '{key}' is missing or empty")
    if front.get("slug") and front["slug"] != path.stem:
        errors.append(f"{path}: slug '{front['slug']}' is not the file name '{path.stem}'")
    if front.get("order") and not front["order"].isdigit():
        errors.append(f"{path}: order '{front['order']}' is not a whole number")
    keys = [k.strip() for k in front.get("sources", "").split(",") if k.strip()]
    for key in keys:
        if key not in REFERENCES:
            errors.append(f"{path}: unknown source key '{key}'")
    for group in re.findall(r"\(([A-Z][A-Z0-9-]+(?:, [A-Z][A-Z0-9-]+)*)\)", body):
        for key in group.split(", "):
            if key not in REFERENCES:
                errors.append(f"{path}: cites unknown source key '{key}'")
            elif key not in keys:
                errors.append(f"{path}: cites '{key}' but 'sources' does not list it")
    if re.search(r"<[A-Za-z/!]", body):
        errors.append(f"{path}: contains raw HTML")
    for target in re.findall(r"\]\(([^)]*)\)", body):
        link = re.fullmatch(r"/(learn|exercises)/([a-z0-9-]+)", target)
        if not link:
            errors.append(f"{path}: link '{target}' is not /learn/<slug> or /exercises/<slug>")
        elif link.group(2) not in pages[link.group(1)]:
            errors.append(f"{path}: link '{target}' points to a page that does not exist")
    secs = sections(body)
    source_secs = [text for title, text in secs if title == "Sources"]
    if source_secs:
        expected = [f"- **{k}**: {REFERENCES.get(k, '?')}" for k in keys]
        found = [line for line in source_secs[0].strip().splitlines() if line.strip()]
        if found != expected:
            errors.append(f"{path}: '## Sources' does not list exactly the 'sources' keys with their full references")
    g = grade(body)
    if g > 7.5:
        warnings.append(f"{path}: reading grade {g:.1f} (aim for 6 or below)")
    return keys


def check_svg(path: pathlib.Path) -> None:
    size = path.stat().st_size
    if size > SVG_MAX_BYTES:
        errors.append(f"{path}: {size} bytes, over {SVG_MAX_BYTES}")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        errors.append(f"{path}: not well-formed XML: {e}")
        return
    if root.tag != SVG_NS + "svg":
        errors.append(f"{path}: root is not an svg element in the SVG namespace")
    if not root.get("viewBox"):
        errors.append(f"{path}: no viewBox")
    if root.get("role") != "img":
        errors.append(f"{path}: no role=\"img\"")
    for child in ("title", "desc"):
        el = root.find(SVG_NS + child)
        if el is None or not (el.text or "").strip():
            errors.append(f"{path}: no <{child}> with text")
    for el in root.iter():
        name = el.tag.replace(SVG_NS, "")
        if name in ("script", "foreignObject", "image", "text", "style", "a", "use"):
            errors.append(f"{path}: contains <{name}>")
        for attr in el.attrib:
            if attr.endswith("href") or attr.lower().startswith("on"):
                errors.append(f"{path}: attribute '{attr}' on <{name}>")


def seed_shingles(folder: pathlib.Path) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for f in sorted(folder.glob("*")):
        w = words(f.read_text(encoding="utf-8", errors="replace"))
        found.update(tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1))
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--content", default="content/en")
    parser.add_argument("--seeds", default="../shared/seeds")
    args = parser.parse_args()
    root = pathlib.Path(args.content)
    learn = sorted((root / "learn").glob("*.md"))
    exercises = sorted((root / "exercises").glob("*.md"))
    if not learn or not exercises:
        errors.append(f"{root}: no pages found under learn/ or exercises/")
    pages = {"learn": {p.stem for p in learn}, "exercises": {p.stem for p in exercises}}
    seeds_dir = pathlib.Path(args.seeds)
    seeds = seed_shingles(seeds_dir) if seeds_dir.is_dir() else set()

    help_blocks: dict[str, pathlib.Path] = {}
    for folder, files, required in (("learn", learn, LEARN_KEYS), ("exercises", exercises, EXERCISE_KEYS)):
        orders: dict[str, pathlib.Path] = {}
        for path in files:
            front, body = split_page(path)
            check_common(path, front, body, required, pages)
            if front.get("order") in orders:
                errors.append(f"{path}: order {front['order']} is also used by {orders[front['order']]}")
            orders[front.get("order", "")] = path
            titles = [t for t, _ in sections(body)]
            written = "".join(text for title, text in sections(body) if title not in ("When to get help", "Sources"))
            count = len(words(written))
            if folder == "learn":
                if titles[-2:] != ["When to get help", "Sources"]:
                    errors.append(f"{path}: must end with '## When to get help' then '## Sources'")
                else:
                    block = dict(sections(body))["When to get help"].strip()
                    help_blocks.setdefault(block, path)
                if not WORDS_MIN <= count <= WORDS_MAX:
                    warnings.append(f"{path}: {count} words before the help block (budget {WORDS_MIN}-{WORDS_MAX})")
            else:
                if not titles or titles[0] != "Steps" or not re.search(r"^1\. ", body, re.M):
                    errors.append(f"{path}: must start with '## Steps' and a numbered list")
                svg = front.get("illustration", "")
                if svg != f"{path.stem}.svg":
                    errors.append(f"{path}: illustration should be '{path.stem}.svg'")
                elif not (path.parent / svg).is_file():
                    errors.append(f"{path}: illustration '{svg}' does not exist")
            if seeds:
                w = words(body)
                shared = {tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)} & seeds
                for run in sorted(shared)[:3]:
                    warnings.append(f"{path}: shares '{' '.join(run)}' with a seed page")
        for svg in sorted((root / folder).glob("*.svg")):
            check_svg(svg)
    if len(help_blocks) > 1:
        errors.append("the '## When to get help' block differs between: "
                      + ", ".join(str(p) for p in help_blocks.values()))

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(learn)} education pages, {len(exercises)} exercises: "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
