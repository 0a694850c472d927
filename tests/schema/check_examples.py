#!/usr/bin/env python3
"""Cross-checks schema/examples/ with two independent validators.

1. python3-jsonschema (Draft 2020-12) against schema/submission.v1.schema.json or
   schema/tinytorch-capstone.schema.json, picked by the document's markers exactly as tinyperf
   does (docs/submission.md): "schema_version" -> v1; else "tinytorch_version" or
   "submission_type": "capstone_benchmark" -> capstone; else unknown (invalid).
2. `tinyperf validate --json` (the C++ validator), when --tinyperf is given.

Every file must be listed in schema/examples/manifest.json, whose entries state the verdict of each
validator. The validators must agree on every example, with one explicit exception: an entry with
"schema_valid": true and errors breaks a rule JSON Schema cannot express (a recomputation, the
percentile ordering, lo <= hi), which only tinyperf checks. For every other invalid example the
schema must also reject it at the same JSON path tinyperf names.

With --mutations N (and --tinyperf), also a differential test: N documents derived from the valid
examples by one random, seeded change (a key deleted, a value replaced by another type or an edge
number) go through both validators, which must agree on valid/invalid and on where the problem is
(the same JSON paths, or one inside the other for a failed "oneOf"), leaving aside the errors only
tinyperf can find (recomputations, ordering, lo <= hi).

Exit 0 when everything agrees, 1 with a list of disagreements otherwise.
"""
import argparse
import importlib.metadata
import json
import pathlib
import random
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("check_examples.py: python3-jsonschema is not installed (scripts/setup.sh installs it)")

SCHEMA_FILES = {
    "tinyperf v1": "submission.v1.schema.json",
    "tinytorch capstone": "tinytorch-capstone.schema.json",
}


def detect_format(doc):
    if not isinstance(doc, dict):
        return "unknown"
    if "schema_version" in doc:
        return "tinyperf v1"
    if "tinytorch_version" in doc or doc.get("submission_type") == "capstone_benchmark":
        return "tinytorch capstone"
    return "unknown"


def json_path(parts):
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def error_paths(error):
    """Where a jsonschema error points, in tinyperf's JSONPath spelling: a missing required key at
    the key's own path, a dependency at the key that needs another, a forbidden key at itself."""
    base = list(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, dict):
        return {json_path(base + [k]) for k in error.validator_value if k not in instance}
    if error.validator == "dependentRequired" and isinstance(instance, dict):
        return {json_path(base + [k]) for k, needs in error.validator_value.items()
                if k in instance for n in needs if n not in instance}
    if error.validator == "not" and isinstance(instance, dict):
        keys = set()
        for branch in [error.validator_value] + error.validator_value.get("anyOf", []):
            keys.update(k for k in branch.get("required", []) if k in instance)
        return {json_path(base + [k]) for k in keys}
    return {json_path(base)}


def schema_verdict(validators, doc):
    """(format, set of error paths); an unknown format is one error at $."""
    fmt = detect_format(doc)
    if fmt == "unknown":
        return fmt, {"$"}
    paths = set()
    for error in validators[fmt].iter_errors(doc):
        paths |= error_paths(error)
    return fmt, paths


def run_tinyperf(binary, files):
    proc = subprocess.run([binary, "validate", "--json", *map(str, files)],
                          capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"tinyperf validate exited {proc.returncode}: {proc.stderr.strip()}")
    return {pathlib.Path(item["file"]).resolve(): item for item in json.loads(proc.stdout)}


def load_validators(schema_dir):
    validators = {}
    for fmt, name in SCHEMA_FILES.items():
        schema = json.loads((schema_dir / name).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[fmt] = jsonschema.Draft202012Validator(schema)
    return validators


def check_entry(entry, doc, validators, cxx):
    """Disagreements found for one manifest entry."""
    problems = []
    name = entry["file"]
    expected_paths = {e["path"] for e in entry["errors"]}
    fmt, paths = schema_verdict(validators, doc)
    if fmt != entry["format"]:
        problems.append(f"{name}: format {fmt!r} detected, manifest says {entry['format']!r}")
    if (not paths) != entry["schema_valid"]:
        problems.append(f"{name}: JSON Schema says {'valid' if not paths else 'invalid'} "
                        f"({sorted(paths)}), manifest says schema_valid={entry['schema_valid']}")
    elif paths and paths != expected_paths:
        problems.append(f"{name}: JSON Schema rejects at {sorted(paths)}, "
                        f"tinyperf at {sorted(expected_paths)}")
    if entry["schema_valid"] and entry["errors"] and not entry.get("rule"):
        problems.append(f"{name}: schema-valid but invalid, and no rule is named")
    if cxx is not None:
        got = [{"path": e["path"], "message": e["message"]} for e in cxx["errors"]]
        if got != entry["errors"] or cxx["valid"] != (not entry["errors"]):
            problems.append(f"{name}: tinyperf says {json.dumps(got)}, manifest says "
                            f"{json.dumps(entry['errors'])}")
        if cxx["format"] != entry["format"]:
            problems.append(f"{name}: tinyperf detects {cxx['format']!r}")
    return problems


# tinyperf's errors that JSON Schema cannot express: recomputations, percentile order, lo <= hi.
SEMANTIC_MARKERS = ("does not match", "is below latency_ms", "is above hi")

REPLACEMENTS = ["x", True, None, -1, 0, 1.5, 1e308, [], {}, "2026-11-22T10:00:00Z", [1, 2]]


def all_paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from all_paths(value, prefix + (key,))
    elif isinstance(doc, list):  # the first two items stand for the rest (long sample arrays)
        for i, value in enumerate(doc[:2]):
            yield from all_paths(value, prefix + (i,))


def mutate(doc, rng):
    """A deep copy of doc with one change, and a description of it."""
    doc = json.loads(json.dumps(doc))
    path = rng.choice([p for p in all_paths(doc) if p])
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    old = parent[path[-1]]
    if isinstance(parent, dict) and rng.random() < 0.3:
        del parent[path[-1]]
        return doc, f"delete {json_path(path)}"
    if isinstance(old, (int, float)) and not isinstance(old, bool):
        parent[path[-1]] = rng.choice([0, -1, -1e-9, 1.5, 1e308, old * 1.01, "1", True, None])
    elif isinstance(old, str):
        parent[path[-1]] = rng.choice(["", "X y", 3, None, old + "x"])
    else:
        parent[path[-1]] = rng.choice(REPLACEMENTS)
    return doc, f"set {json_path(path)} = {json.dumps(parent[path[-1]])}"


def related(a, b):
    """a == b, or one is a JSON path inside the other."""
    short, long_ = sorted((a, b), key=len)
    return long_ == short or long_.startswith(short + ".") or long_.startswith(short + "[")


def check_mutations(count, seed, validators, binary, valid_docs):
    rng = random.Random(seed)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        for i in range(count):
            doc, change = mutate(rng.choice(valid_docs), rng)
            path = pathlib.Path(tmp) / f"m{i}.json"
            path.write_text(json.dumps(doc))
            cases.append((path, doc, change))
        cxx = run_tinyperf(binary, [c[0] for c in cases])
        for path, doc, change in cases:
            _, schema_paths = schema_verdict(validators, doc)
            errors = cxx[path.resolve()]["errors"]
            structural = {e["path"] for e in errors
                          if not any(m in e["message"] for m in SEMANTIC_MARKERS)}
            agree = (bool(schema_paths) == bool(structural)
                     and all(any(related(s, c) for c in structural) for s in schema_paths)
                     and all(any(related(c, s) for s in schema_paths) for c in structural))
            if not agree:
                problems.append(f"mutation {change}: JSON Schema at {sorted(schema_paths)}, "
                                f"tinyperf at {sorted(structural)}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemas", type=pathlib.Path, required=True, help="the schema/ folder")
    parser.add_argument("--tinyperf", help="tinyperf binary; also check `tinyperf validate`")
    parser.add_argument("--mutations", type=int, default=0,
                        help="differential test on this many mutated documents (needs --tinyperf)")
    parser.add_argument("--seed", type=int, default=20261122, help="seed of the mutations")
    args = parser.parse_args()
    examples = args.schemas / "examples"
    manifest = json.loads((examples / "manifest.json").read_text())["examples"]
    validators = load_validators(args.schemas)

    listed = {examples / e["file"] for e in manifest}
    on_disk = {p for p in examples.rglob("*.json") if p.name != "manifest.json"}
    problems = [f"{p.relative_to(examples)}: not in manifest.json" for p in on_disk - listed]
    problems += [f"{p.relative_to(examples)}: listed but missing" for p in listed - on_disk]
    for entry in manifest:
        if entry["file"].startswith("valid/") == bool(entry["errors"]):
            problems.append(f"{entry['file']}: folder and expected errors disagree")

    files = sorted(listed & on_disk)
    cxx = run_tinyperf(args.tinyperf, files) if args.tinyperf else {}
    semantic_only = 0
    for entry in manifest:
        path = examples / entry["file"]
        if path not in on_disk:
            continue
        doc = json.loads(path.read_text())
        problems += check_entry(entry, doc, validators,
                                cxx.get(path.resolve()) if args.tinyperf else None)
        semantic_only += bool(entry["schema_valid"] and entry["errors"])

    if args.mutations and args.tinyperf:
        valid_docs = [json.loads((examples / e["file"]).read_text())
                      for e in manifest if not e["errors"]]
        problems += check_mutations(args.mutations, args.seed, validators, args.tinyperf,
                                    valid_docs)

    for problem in problems:
        print("DISAGREE", problem)
    print(f"{len(manifest)} examples, {semantic_only} schema-valid but semantically invalid, "
          f"jsonschema {importlib.metadata.version('jsonschema')}"
          f"{', tinyperf validate checked' if args.tinyperf else ''}"
          f"{f', {args.mutations} mutations' if args.mutations and args.tinyperf else ''}: "
          f"{'agree' if not problems else f'{len(problems)} disagreements'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
