#!/usr/bin/env python3
"""Checks that every file the documentation points to exists in the repository.

    python3 docs/check_references.py [ROOT] [FILE_OR_DIR...]

Default: ROOT is the repository this script is in, and the documents are README.md, CHANGELOG.md,
docs/*.md and examples/**/*.md. A reference is
  - the target of a Markdown link, [text](target), resolved from the document's folder (web
    addresses are skipped); a #anchor must name a heading of the Markdown file it points to
    (GitHub's rule: lower case, punctuation dropped, spaces as hyphens);
  - a path written in the text (in backticks or not) that starts with one of the repository's
    top-level folders (docs/, src/, include/, apps/, tests/, bench/, schema/, cmake/, scripts/,
    examples/), resolved from ROOT; `*` in it must match at least one file;
  - a bare Markdown file name (statistics.md, run.md), which must exist in the document's folder,
    in docs/ or in ROOT.
Anything naming a spec/ folder is reported too: the contracts live in docs/. Paths under build/
and paths inside URLs are not references. Exit 0 when every reference resolves, else 1 with
one line per broken reference (file:line: reference).
"""
import glob
import os
import re
import sys

TOP_LEVEL = ("docs", "src", "include", "apps", "tests", "bench", "schema", "cmake", "scripts",
             "examples")
LINK = re.compile(r"\]\(([^)\s]+)\)")
PATH = re.compile(r"(?<![\w./-])((?:\.\./)*(?:%s)/[\w./*{},-]*[\w*}])" % "|".join(TOP_LEVEL))
BARE_MD = re.compile(r"(?<![\w./-])([\w-]+\.md)\b")
SPEC = re.compile(r"(?<![\w-])(?:\.\./)*(?:shared/)?spec/[\w-]+\.md")
URL = re.compile(r"\w+://\S+")
# What a folder given on the command line is searched for: documents, and the comments and help
# texts of code, which cite the documents too.
SOURCE_EXTENSIONS = (".md", ".cc", ".h", ".sh", ".py", ".txt", ".cmake")


def default_documents(root):
    docs = [os.path.join(root, name) for name in ("README.md", "CHANGELOG.md")]
    docs += sorted(glob.glob(os.path.join(root, "docs", "*.md")))
    docs += sorted(glob.glob(os.path.join(root, "examples", "**", "*.md"), recursive=True))
    return [d for d in docs if os.path.isfile(d)]


def expand_braces(path):
    """a/{b,c}.h -> [a/b.h, a/c.h] (one level, as the docs write header lists)."""
    match = re.search(r"\{([^{}]*)\}", path)
    if not match:
        return [path]
    head, tail = path[:match.start()], path[match.end():]
    return [p for part in match.group(1).split(",") for p in expand_braces(head + part + tail)]


def slug(heading):
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path, cache={}):
    """The heading anchors of a Markdown file (outside code blocks)."""
    if path not in cache:
        found, fenced = set(), False
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("```"):
                    fenced = not fenced
                elif not fenced and re.match(r"#{1,6} ", line):
                    found.add(slug(line.lstrip("#")))
        cache[path] = found
    return cache[path]


def exists(path):
    return all(glob.glob(p) if "*" in p else os.path.exists(p) for p in expand_braces(path))


def check_line(root, doc, line):
    """The broken references of one line of `doc`."""
    here = os.path.dirname(doc)
    broken = [m.group(0) for m in SPEC.finditer(line)]
    text = URL.sub(" ", line)
    if not doc.endswith(".md"):
        # Code: only what reads as a path (Markdown links and bare words mean nothing there).
        return broken + [p.rstrip(".") for p in PATH.findall(text)
                         if "NAME" not in p and not exists(os.path.join(root, p.rstrip(".")))
                         and not exists(os.path.join(here, p.rstrip(".")))]
    for target in LINK.findall(line):
        if re.match(r"\w+:", target):
            continue
        path, _, anchor = target.partition("#")
        full = os.path.normpath(os.path.join(here, path)) if path else doc
        if not exists(full):
            broken.append(target)
        elif anchor and full.endswith(".md") and anchor not in anchors(full):
            broken.append(target + " (no such heading)")
    text = LINK.sub("]", text)
    for path in PATH.findall(text):
        clean = path.rstrip(".")
        if not (exists(os.path.join(root, clean)) or exists(os.path.join(here, clean))):
            broken.append(clean)
    for name in BARE_MD.findall(text):
        places = (here, os.path.join(root, "docs"), root)
        if not any(os.path.exists(os.path.join(p, name)) for p in places):
            broken.append(name)
    return [b for b in broken if not b.startswith("build/")]


def main(argv):
    root = os.path.abspath(argv[1]) if len(argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    docs = []
    for arg in argv[2:]:
        docs += sorted(f for ext in SOURCE_EXTENSIONS
                       for f in glob.glob(os.path.join(arg, "**", "*" + ext), recursive=True)) \
            if os.path.isdir(arg) else [arg]
    docs = [os.path.abspath(d) for d in docs] or default_documents(root)
    failures = 0
    for doc in docs:
        with open(doc, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                for ref in check_line(root, doc, line):
                    print(f"{os.path.relpath(doc, root)}:{number}: {ref}")
                    failures += 1
    print(f"{len(docs)} documents, {failures} broken references", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
