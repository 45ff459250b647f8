"""The SQL conformance corpus as data: its files, their statements, and the rewrites both runners need.

Shared by make_golden.py (Flink) and tests/e2e/test_sql_corpus.py (Kibitz), so both read a case
the same way: every statement but the last is a CREATE TABLE, the last is the query.
"""

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"
EVENTS = ROOT / "events"
UNSUPPORTED = ROOT / "unsupported"

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
