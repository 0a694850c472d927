# tinyperf system-info: the system_info block every result records and the environment warnings,
# as text and as JSON (docs/cli.md "Model tools"). The block is checked against the submission
# schema's system_info and against what the kernel says about this machine.
. "$(dirname "$0")/lib.sh"

run system-info --json
assert_rc 0 "system-info --json"
assert_json "set(d) == {'system_info', 'warnings'}" "two keys, as a submission holds them"
assert_json "set(d['system_info']) == {'platform', 'os', 'kernel', 'machine', 'processor', \
'cpu_count', 'memory_gb', 'isa', 'cpu_governor', 'clocksource', 'tool_version', 'git_commit', \
'build_type', 'compiler', 'flags', 'libraries'}" "system_info keys"
assert_json "isinstance(d['warnings'], list) and all(isinstance(w, str) for w in d['warnings'])"
assert_json "'hostname' not in d['system_info'] and '$(uname -n)' not in json.dumps(d)" "no host name"
assert_json "d['system_info']['cpu_count'] == $(nproc --all 2>/dev/null || nproc) or d['system_info']['cpu_count'] == $(nproc)"
assert_json "d['system_info']['kernel'] == '$(uname -r)' and d['system_info']['machine'] == '$(uname -m)'"
cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')
assert_json "d['system_info']['processor'] == '''${cpu:-unknown}'''" "processor = the first cpuinfo model name"
assert_json "'fmt' in d['system_info']['libraries'] and 'boost' in d['system_info']['libraries']"
# The warnings follow the build: a sanitizer build says its timings are not representative.
assert_json "('sanitize' in d['system_info']['flags']) == any(w.startswith('sanitizer build') for w in d['warnings'])" \
  "sanitizer warning iff a sanitizer build"
cp "$OUT" "$TMP/info.json"

# The block is what the submission schema requires of system_info (python3-jsonschema).
if "$PYTHON" - "$TMP/info.json" ../../schema/submission.v1.schema.json <<'PY'
import json, sys
import jsonschema
info = json.load(open(sys.argv[1]))["system_info"]
schema = json.load(open(sys.argv[2]))
jsonschema.validate(info, schema["properties"]["system_info"])
PY
then pass; else fail "system_info does not validate against submission.v1.schema.json"; fi

# Text: one line per field, in the contract's order, then the warnings (the same as --json's).
run system-info
assert_rc 0 "system-info"
assert_stdout_has "processor     ${cpu:-unknown}"
assert_stdout_has "kernel        $(uname -r)"
[ "$(head -n 1 "$OUT" | cut -d' ' -f1)" = platform ] && pass || fail "the first line is not platform"
grep -qE '^memory_gb +[0-9]+\.[0-9]{2} \(GiB\)$' "$OUT" && pass || fail "memory_gb line"
grep -qE '^libraries +(boost|fmt|nlohmann_json) ' "$OUT" && pass || fail "libraries line"
"$PYTHON" - "$TMP/info.json" "$OUT" <<'PY' && pass || fail "text warnings differ from --json's"
import json, sys
warnings = json.load(open(sys.argv[1]))["warnings"]
lines = open(sys.argv[2]).read().splitlines()
shown = [l[len("warning: "):] for l in lines if l.startswith("warning: ")]
sys.exit(0 if shown == warnings and (warnings or "warnings: none" in lines) else 1)
PY

run system-info --frobnicate
assert_rc 2 "an unknown flag"
assert_one_error_line "--frobnicate"

finish
