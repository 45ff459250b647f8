#!/usr/bin/env python3
"""Peer harness: runs one bench/sql query file in Apache Flink SQL over JSON-lines files.

Usage: /work/flink-venv/bin/python flink_query.py QUERY.sql DIR [PARALLELISM]
Each `{{source NAME}}` placeholder becomes a filesystem source over DIR/NAME.jsonl, each
`{{sink NAME}}` a blackhole sink. Only the INSERT INTO job is timed (from submission until it has
finished); events are the lines of the files the query reads. Prints one line:
`flink QUERY: N events in S s = R events/s (parallelism P)`.
"""
import os
import re
import sys
import time

from pyflink.table import EnvironmentSettings, TableEnvironment

query_path, directory = sys.argv[1], os.path.abspath(sys.argv[2])
parallelism = sys.argv[3] if len(sys.argv) > 3 else str(os.cpu_count())
with open(query_path) as file:
    text = "\n".join(line for line in file.read().splitlines() if not line.lstrip().startswith("--"))

sources = re.findall(r"\{\{source (\w+)\}\}", text)
text = re.sub(
    r"\{\{source (\w+)\}\}",
    lambda match: f"'connector' = 'filesystem', 'path' = '{directory}/{match.group(1)}.jsonl', 'format' = 'json'",
    text,
)
text = re.sub(r"\{\{sink \w+\}\}", "'connector' = 'blackhole'", text)
events = 0
for name in sources:
    with open(f"{directory}/{name}.jsonl") as file:
        events += sum(1 for _ in file)

env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
env.get_config().set("parallelism.default", parallelism)
statements = [statement.strip() for statement in text.split(";") if statement.strip()]
for statement in statements[:-1]:
    env.execute_sql(statement)
start = time.time()
env.execute_sql(statements[-1]).wait()
elapsed = time.time() - start
name = os.path.basename(query_path)
print(f"flink {name}: {events} events in {elapsed:.2f} s = {events / elapsed:,.0f} events/s (parallelism {parallelism})")
