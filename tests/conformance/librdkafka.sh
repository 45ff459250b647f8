#!/usr/bin/env bash
# librdkafka 2.0.2's own integration suite against a real `kibitz serve --default-partitions 4`.
#
#   tests/conformance/librdkafka.sh [TEST ...]
#
# Starts $KIBITZ_BINARY (default .build/release/kibitz) on free ports with a temporary data
# directory, runs the shared suite's run.sh against it, stops the server, then compares the
# results with tests/conformance/librdkafka-expected-failures.txt: the step fails when a test
# outside that list fails, or when a listed test now passes (so the list only shrinks).
# The suite lives in the shared folder (conformance/librdkafka); where it is missing this
# prints a loud SKIP line and exits 0. Environment: KIBITZ_BINARY, LIBRDKAFKA_SUITE, SUITE_DIR
# (where the suite is built once), KEEP_SERVER_LOG (a path to copy the server's log to), and
# run.sh's own (TEST_TIMEOUT, LOG_DIR).
set -euo pipefail
repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${KIBITZ_BINARY:-$repository/.build/release/kibitz}
expected=$repository/tests/conformance/librdkafka-expected-failures.txt

# LIBRDKAFKA_SUITE names the suite's folder; otherwise the shared folder of this machine or the
# one beside the repository (as CI lays it).
if [ -n "${LIBRDKAFKA_SUITE:-}" ]; then
    candidates=("$LIBRDKAFKA_SUITE")
else
    candidates=(/work/shared/conformance/librdkafka "$repository/../shared/conformance/librdkafka")
fi
suite=""
for candidate in "${candidates[@]}"; do
    if [ -x "$candidate/run.sh" ]; then suite=$candidate; break; fi
done
if [ -z "$suite" ]; then
    echo "!!!!!!!! SKIP: librdkafka conformance suite not found (no shared/conformance/librdkafka); NOT RUN !!!!!!!!"
    exit 0
fi
[ -x "$binary" ] || { echo "librdkafka.sh: no kibitz executable at $binary" >&2; exit 2; }
# The suite is built once (a few minutes) into a folder of this test command's own, so it is built
# with rapidjson (tests 0053 and 0110 need it) and a manual run.sh elsewhere does not share its
# test.conf.
export SUITE_DIR=${SUITE_DIR:-/var/tmp/kibitz-conformance/librdkafka-2.0.2}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
work=$(mktemp -d)
kafka_port=$(free_port)
http_port=$(free_port)
"$binary" serve --data-dir "$work/data" --kafka-port "$kafka_port" --http-port "$http_port" \
    --default-partitions 4 --no-streams >"$work/serve.log" 2>&1 &
server=$!
stop_server() {
    kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    if [ -n "${KEEP_SERVER_LOG:-}" ]; then cp "$work/serve.log" "$KEEP_SERVER_LOG"; fi
    rm -rf "$work"
}
trap stop_server EXIT
for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$kafka_port") 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 2; }
    sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$kafka_port") 2>/dev/null || { echo "librdkafka.sh: kibitz serve did not listen" >&2; exit 2; }

echo "== librdkafka 2.0.2 suite against kibitz serve on 127.0.0.1:$kafka_port ($binary)"
"$suite/run.sh" "127.0.0.1:$kafka_port" "$@" | tee "$work/results.txt" || true
if ! kill -0 "$server" 2>/dev/null; then
    echo "librdkafka: kibitz serve exited during the suite; its log ends:"
    tail -20 "$work/serve.log"
    exit 1
fi

# The list: a test number (e.g. 0034) first on each line, then its reason; '#' starts a comment.
python3 - "$work/results.txt" "$expected" "$@" <<'PY'
import re, sys
results_path, expected_path, only = sys.argv[1], sys.argv[2], set(sys.argv[3:])
expected = {}
for line in open(expected_path):
    line = line.strip()
    if line and not line.startswith("#"):
        number, _, reason = line.partition(" ")
        expected[number] = reason.strip()
failed, passed, seen = set(), set(), set()
summary = None
for line in open(results_path):
    match = re.match(r"(\d{4})_\w+\s+(PASSED|FAILED|SKIPPED)", line)
    if match:
        number, state = match.groups()
        seen.add(number)
        (failed if state == "FAILED" else passed if state == "PASSED" else set()).add(number)
    if re.match(r"\d+ passed, \d+ failed", line):
        summary = line
if summary is None:
    print("librdkafka: run.sh printed no summary; the suite did not run")
    sys.exit(1)
passed -= failed  # a test number with one failed sub-test counts as failed
unexpected = sorted(failed - expected.keys())
# A listed test whose reason starts with "flaky" may pass or fail without failing the step.
flaky = {number for number, reason in expected.items() if reason.startswith("flaky")}
now_passing = sorted(n for n in passed if n in expected and n not in flaky and (not only or n in only))
for number in unexpected:
    print(f"librdkafka: UNEXPECTED FAILURE {number} (not in {expected_path}; its log is in the suite's logs folder)")
for number in now_passing:
    print(f"librdkafka: NOW PASSES {number}: remove it from {expected_path} ({expected[number]})")
print(f"librdkafka: {len(failed)} failed of {len(seen)}, {len(failed & expected.keys())} expected; "
      f"{len(unexpected)} unexpected failures, {len(now_passing)} listed tests now passing")
sys.exit(1 if unexpected or now_passing else 0)
PY
