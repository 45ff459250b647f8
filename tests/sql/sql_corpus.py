"""The SQL conformance corpus as data: its files, their statements, the rewrites both runners need,
and the comparison of a result with a golden one.

Shared by make_golden.py (Flink) and tests/e2e/test_sql_corpus.py (Kibitz), so both read a case
the same way (every statement but the last is a CREATE TABLE, the last is the query) and judge a
result the same way.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"
EVENTS = ROOT / "events"
UNSUPPORTED = ROOT / "unsupported"
DOUBLE_RELATIVE_TOLERANCE = 1e-9
SHOWN_ROWS = 20

TOPIC_OPTION = re.compile(r"'topic'\s*=\s*'([^']+)'")
CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+`?(\w+)`?", re.IGNORECASE)
# The WITH clause closes a CREATE TABLE: everything from WITH to the end of the statement.
WITH_CLAUSE = re.compile(r"\bWITH\s*\((?:[^()']|'[^']*')*\)\s*$", re.IGNORECASE)


def split_statements(text: str) -> list[str]:
    """Statements separated by semicolons outside quotes and `--` comments, comments removed."""
    statements, current = [], []
    index = 0
    quote = None
    while index < len(text):
        character = text[index]
        if quote:
            current.append(character)
            if character == quote:
                quote = None
        elif character in "'`\"":
            quote = character
            current.append(character)
        elif text.startswith("--", index):
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        elif character == ";":
            statements.append("".join(current).strip())
            current = []
        else:
            current.append(character)
        index += 1
    statements.append("".join(current).strip())
    return [statement for statement in statements if statement]


@dataclass(frozen=True)
class Case:
    """One corpus file: its CREATE TABLE statements and its query."""

    name: str
    path: Path
    description: str
    tables: list[str]
    query: str

    @staticmethod
    def load(path: Path) -> "Case":
        text = path.read_text()
        first_line = text.splitlines()[0] if text else ""
        if not first_line.startswith("-- "):
            raise ValueError(f"{path.name}: the first line must be a `-- <what it covers>` comment")
        statements = split_statements(text)
        *tables, query = statements
        if not tables:
            raise ValueError(f"{path.name}: a case creates the tables it reads")
        for table in tables:
            if not CREATE_TABLE.match(table):
                raise ValueError(f"{path.name}: every statement before the query is a CREATE TABLE: {table[:60]}")
        if not re.match(r"^\s*(SELECT|WITH)\b", query, re.IGNORECASE):
            raise ValueError(f"{path.name}: the last statement is a query")
        return Case(path.stem, path, first_line[3:].strip(), tables, query)

    def table_names(self) -> list[str]:
        return [CREATE_TABLE.match(table).group(1) for table in self.tables]

    def topics(self) -> list[str]:
        """The topics the case reads, each also the name of its events file."""
        return sorted({TOPIC_OPTION.search(table).group(1) for table in self.tables})

    def is_ordered(self) -> bool:
        """Whether the query ends in a top-level ORDER BY, so its rows are compared in order."""
        tail = self.query[self.query.rfind(")") + 1:]
        return re.search(r"\bORDER\s+BY\b", tail, re.IGNORECASE) is not None

    def golden_path(self) -> Path:
        return GOLDEN / f"{self.name}.json"


def cases(directory: Path = CORPUS) -> list[Case]:
    return [Case.load(path) for path in sorted(directory.glob("*.sql"))]


def with_filesystem_connector(create_table: str, events: Path = EVENTS) -> str:
    """The CREATE TABLE with its kafka WITH clause replaced by Flink's filesystem connector over the
    topic's events file: the same rows, bounded, and no broker needed."""
    topic = TOPIC_OPTION.search(create_table).group(1)
    path = events / f"{topic}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"no events file {path} for topic {topic!r}")
    replacement = f"WITH ('connector' = 'filesystem', 'path' = '{path}', 'format' = 'json')"
    rewritten, count = WITH_CLAUSE.subn(replacement, create_table)
    if count != 1:
        raise ValueError(f"no WITH clause at the end of: {create_table[:60]}")
    return rewritten


def with_topic_prefix(create_table: str, prefix: str) -> str:
    """The CREATE TABLE reading `PREFIX__topic` instead of `topic`, to keep cases apart on one broker."""
    return TOPIC_OPTION.sub(lambda match: f"'topic' = '{prefix}__{match.group(1)}'", create_table)


def strictly_equal(expected, actual) -> bool:
    """Equality that tells true from 1 and 1 from 1.0, through nested objects."""
    if isinstance(expected, dict):
        return (isinstance(actual, dict) and expected.keys() == actual.keys()
                and all(strictly_equal(expected[key], actual[key]) for key in expected))
    return type(expected) is type(actual) and expected == actual


def doubles_close(expected, actual) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(actual, bool) or not isinstance(actual, (int, float)):
        return False
    return abs(expected - actual) <= DOUBLE_RELATIVE_TOLERANCE * max(abs(expected), abs(actual))


class RowComparison:
    """Matches result rows to golden rows by the columns' types."""

    def __init__(self, columns: list[dict]):
        self.names = [column["name"] for column in columns]
        self.doubles = {column["name"] for column in columns if column["type"].split(" ")[0] == "DOUBLE"}

    def exact_part(self, row: dict) -> str:
        """The row without its DOUBLE values, as text that keeps JSON types apart (1, 1.0, true)."""
        if not isinstance(row, dict) or set(row) != set(self.names):
            return "malformed:" + json.dumps(row, sort_keys=True)
        return json.dumps([None if name in self.doubles else row[name] for name in self.names])

    def same(self, expected: dict, actual: dict) -> bool:
        if self.exact_part(expected) != self.exact_part(actual):
            return False
        return all(
            doubles_close(expected[name], actual[name]) if name in self.doubles
            else strictly_equal(expected[name], actual[name])
            for name in self.names
        )

    def unmatched(self, expected_rows: list[dict], actual_rows: list[dict]) -> tuple[list, list]:
        """(golden rows missing from the result, result rows not in the golden), as multisets."""
        candidates: dict[str, list[dict]] = {}
        for row in actual_rows:
            candidates.setdefault(self.exact_part(row), []).append(row)
        missing = []
        for row in expected_rows:
            group = candidates.get(self.exact_part(row), [])
            match = next((index for index, candidate in enumerate(group) if self.same(row, candidate)), None)
            if match is None:
                missing.append(row)
            else:
                group.pop(match)
        extra = [row for group in candidates.values() for row in group]
        return missing, extra


def describe_rows(title: str, rows: list) -> str:
    shown = "\n".join(f"    {json.dumps(row)}" for row in rows[:SHOWN_ROWS])
    more = f"\n    ... and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
    return f"  {title} ({len(rows)}):\n{shown}{more}"


def result_differences(name: str, golden: dict, result: dict) -> str | None:
    """Why `result` ({"columns", "rows"}) is not the golden result, or None when it is: columns
    exactly, rows as multisets unless ordered, DOUBLE within a relative 1e-9."""
    if result.get("columns") != golden["columns"]:
        return (f"{name}: columns differ\n  golden: {json.dumps(golden['columns'])}\n"
                f"  result: {json.dumps(result.get('columns'))}")
    rows = result.get("rows")
    if not isinstance(rows, list):
        return f"{name}: rows is not a list: {str(rows)[:500]}"
    comparison = RowComparison(golden["columns"])
    if golden["ordered"]:
        first_difference = next(
            (index for index, (expected, actual) in enumerate(zip(golden["rows"], rows))
             if not comparison.same(expected, actual)),
            None,
        )
        if first_difference is None and len(rows) == len(golden["rows"]):
            return None
        start = first_difference if first_difference is not None else min(len(rows), len(golden["rows"]))
        return (f"{name}: ordered rows differ at row {start} "
                f"({len(golden['rows'])} golden rows, {len(rows)} in the result)\n"
                + describe_rows("golden from there", golden["rows"][start:])
                + "\n" + describe_rows("result from there", rows[start:]))
    missing, extra = comparison.unmatched(golden["rows"], rows)
    if not missing and not extra:
        return None
    return (f"{name}: {len(golden['rows'])} golden rows, {len(rows)} in the result\n"
            + describe_rows("missing (in the golden result, not in this one)", missing)
            + "\n" + describe_rows("extra (in this result, not in the golden)", extra))
