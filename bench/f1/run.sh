#!/usr/bin/env bash
# F1 leaderboard event-to-page latency: a confluent-kafka producer's send to the /f1 page's DOM in
# headless Chromium, side by side with a confluent-kafka consumer's receive (the broker's floor).
#
#   bench/f1/run.sh [event_to_page.py options: --rates 10,50,200 --seconds 40 --warm-up-seconds 3 --cars 20]
#
# Without KIBITZ_BINARY, waits (polling every 30 s, up to 20 minutes) for the release build
# .build/release/kibitz to answer --help, then copies it to /tmp/kibitz-f1-bench and runs that copy,
# so a rebuild during the run does not change the binary under test.
# Prints one markdown table on stdout; progress goes to stderr. Takes about 2.5 minutes by default.
set -euo pipefail

repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=${PYTHON:-$repository/.build/venv/bin/python}

if [[ -z ${KIBITZ_BINARY:-} ]]; then
    release=$repository/.build/release/kibitz
    deadline=$((SECONDS + 20 * 60))
    until [[ -x $release ]] && "$release" --help >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            echo "run.sh: no working release build at $release after 20 minutes (set KIBITZ_BINARY)" >&2
            exit 1
        fi
        echo "run.sh: waiting for the release build at $release" >&2
        sleep 30
    done
    cp "$release" /tmp/kibitz-f1-bench
    KIBITZ_BINARY=/tmp/kibitz-f1-bench
fi

exec "$python" "$repository/bench/f1/event_to_page.py" --binary "$KIBITZ_BINARY" "$@"
