# The tinyperf binary as a whole: --version, --help, an unknown command, no command.
. "$(dirname "$0")/lib.sh"

run --version
assert_rc 0 "--version"
assert_stdout_has "tinyperf 0.1.0 (commit "

run --help
assert_rc 0 "--help"
assert_stdout_has "Usage: tinyperf"
assert_stdout_has "analyze"
assert_stdout_has "compare"

for command in analyze compare; do
  run "$command" --help
  assert_rc 0 "$command --help"
  assert_stdout_has "Usage: tinyperf $command"
  assert_stdout_has "Exit codes:"
done

run frobnicate
assert_rc 2 "unknown command"
assert_stdout_empty
assert_one_error_line "frobnicate"

run --frobnicate
assert_rc 2 "unknown top-level flag"
assert_one_error_line "--frobnicate"

# No command: usage on stderr, exit 2, nothing on stdout.
run
assert_rc 2 "no command"
assert_stdout_empty
assert_stderr_has "Usage: tinyperf"

finish
