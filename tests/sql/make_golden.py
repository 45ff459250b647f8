"""Runs every case of the SQL conformance corpus on Apache Flink SQL and writes its golden result.

    /work/flink-venv/bin/python tests/sql/make_golden.py [CASE ...] [--check] [--watermark-interval MS]

Each case runs in streaming mode at parallelism 1 with `table.local-time-zone` = UTC; its tables
read the events files through the filesystem connector (the query text is unchanged). The
result changelog (+I, -U, +U, -D) is applied to a multiset, and the final rows are written to
golden/NAME.json in the value format of Kibitz's `GET /api/views/{name}` (see README.md).

`--check` writes nothing and fails when a result differs from the committed golden file (judged
as the Kibitz suite judges, DOUBLE within a relative 1e-9); with a
different `--watermark-interval` (Flink's periodic watermark, 200 ms by default) it shows that no
result depends on when watermarks happen to be emitted.
"""

import argparse
import json
import os
import sys
import time
from collections import Counter
from decimal import Decimal

from sql_corpus import CORPUS, GOLDEN, Case, cases, result_differences, with_filesystem_connector

TIME_ATTRIBUTE_MARKERS = (" *ROWTIME*", " *PROCTIME*")
INSERTING = {"+I", "+U"}
RETRACTING = {"-U", "-D"}


class ValueConverter:
    """Turns Flink's Java values into the JSON values of the API, driven by the column's logical type."""

    def __init__(self, gateway):
        jvm = gateway.jvm
        pattern = jvm.java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
        self.local_formatter = pattern
        self.instant_formatter = pattern.withZone(jvm.java.time.ZoneOffset.UTC)

    def convert(self, value, logical_type):
        if value is None:
            return None
        root = logical_type.getTypeRoot().name()
        if root == "BOOLEAN":
            return bool(value)
        if root in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT"):
            return int(value)
        if root in ("FLOAT", "DOUBLE"):
            return float(value)
        if root == "DECIMAL":
            scale = logical_type.getScale()
            return format(Decimal(value).quantize(Decimal(1).scaleb(-scale)), "f")
        if root in ("CHAR", "VARCHAR"):
            return str(value)
        if root == "TIMESTAMP_WITHOUT_TIME_ZONE":
            return self.local_formatter.format(value)
        if root == "TIMESTAMP_WITH_LOCAL_TIME_ZONE":
            return self.instant_formatter.format(value)
        if root == "ROW":
            names = list(logical_type.getFieldNames())
            return {
                name: self.convert(value.getField(index), logical_type.getTypeAt(index))
                for index, name in enumerate(names)
            }
        raise TypeError(f"no API value format for Flink type {logical_type.asSummaryString()}")


def type_string(data_type) -> str:
    """Flink's printed type without the time-attribute marker, which is not part of the type."""
    text = data_type.toString()
    for marker in TIME_ATTRIBUTE_MARKERS:
        text = text.replace(marker, "")
    return text


def new_environment(watermark_interval_ms: int):
    from pyflink.table import EnvironmentSettings, TableEnvironment

    environment = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    configuration = environment.get_config()
    configuration.set("parallelism.default", "1")
    configuration.set("table.local-time-zone", "UTC")
    configuration.set("pipeline.auto-watermark-interval", f"{watermark_interval_ms} ms")
    return environment


def run_case(case: Case, watermark_interval_ms: int) -> dict:
    from pyflink.java_gateway import get_gateway

    environment = new_environment(watermark_interval_ms)
    for table in case.tables:
        environment.execute_sql(with_filesystem_connector(table))
    table = environment.sql_query(case.query)
    columns = list(table._j_table.getResolvedSchema().getColumns())
    names = [column.getName() for column in columns]
    logical_types = [column.getDataType().getLogicalType() for column in columns]
    converter = ValueConverter(get_gateway())
    ordered = case.is_ordered()

    final = Counter()
    sequence = []
    iterator = table._j_table.execute().collect()
    try:
        while iterator.hasNext():
            row = iterator.next()
            kind = row.getKind().shortString()
            values = {
                name: converter.convert(row.getField(index), logical_types[index])
                for index, name in enumerate(names)
            }
            key = json.dumps(values)
            if kind in INSERTING:
                final[key] += 1
                sequence.append(values)
            elif kind in RETRACTING:
                if final[key] == 0:
                    raise AssertionError(f"{case.name}: {kind} of a row not in the result: {key}")
                final[key] -= 1
                if ordered:
                    raise AssertionError(f"{case.name}: an ordered result must be append-only")
            else:
                raise AssertionError(f"{case.name}: unknown row kind {kind}")
    finally:
        iterator.close()

    if ordered:
        rows = sequence
    else:
        rows = sorted((json.loads(key) for key in final.elements()), key=sort_key)
    return {
        "columns": [{"name": name, "type": type_string(column.getDataType())} for name, column in zip(names, columns)],
        "rows": rows,
        "ordered": ordered,
    }


def sort_key(row: dict) -> tuple:
    """Rows of an unordered result in a stable, readable order: by their values, nulls last."""
    return tuple((value is None, json.dumps(value) if isinstance(value, dict) else value) for value in row.values())


def encode(golden: dict) -> str:
    """One row a line, so a changed golden file reads as a diff of rows."""
    columns = json.dumps(golden["columns"])
    rows = ",\n    ".join(json.dumps(row) for row in golden["rows"])
    rows_text = f"[\n    {rows}\n  ]" if golden["rows"] else "[]"
    return f'{{\n  "columns": {columns},\n  "ordered": {json.dumps(golden["ordered"])},\n  "rows": {rows_text}\n}}\n'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help="case names (default: every file in corpus/)")
    parser.add_argument("--check", action="store_true", help="compare with the golden files instead of writing")
    parser.add_argument("--watermark-interval", type=int, default=200, metavar="MS",
                        help="Flink's periodic watermark interval in ms (default 200)")
    arguments = parser.parse_args()
    # Flink's JVM starts from this process: UTC there too, so no local zone leaks into a result.
    os.environ["TZ"] = "UTC"

    selected = cases()
    if arguments.cases:
        wanted = set(arguments.cases)
        unknown = wanted - {case.name for case in selected}
        if unknown:
            parser.error(f"no such case in {CORPUS}: {', '.join(sorted(unknown))}")
        selected = [case for case in selected if case.name in wanted]

    GOLDEN.mkdir(exist_ok=True)
    failures = []
    for case in selected:
        started = time.monotonic()
        try:
            golden = run_case(case, arguments.watermark_interval)
        except Exception as error:  # a case Flink refuses is a bug in the corpus: report it, go on
            failures.append(case.name)
            message = str(error).strip().splitlines()
            print(f"FAIL {case.name}: {' | '.join(message[:3])}", flush=True)
            continue
        text = encode(golden)
        path = case.golden_path()
        if arguments.check:
            if not path.exists():
                differences = f"{case.name}: no golden file {path.name}"
            else:
                differences = result_differences(case.name, json.loads(path.read_text()), golden)
            if differences:
                failures.append(case.name)
                print(differences, flush=True)
            verdict = "DIFFERENT" if differences else "same"
        else:
            path.write_text(text)
            verdict = "written"
        print(f"{case.name}: {len(golden['rows'])} rows, {verdict} ({time.monotonic() - started:.1f} s)", flush=True)
    if failures:
        print(f"{len(failures)} failed: {' '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
