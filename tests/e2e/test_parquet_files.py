"""Reads the Parquet files that Kibitz's Swift writer produced, with pyarrow and with DuckDB.

The Swift test suite (Tests/ParquetTests/SampleFileTests.swift) writes the sample files into
`.build/parquet-samples` (or into KIBITZ_PARQUET_SAMPLES when set), so run `swift test` first; CI does.
The rows are recomputed here from the same formulas as Tests/ParquetTests/SampleTables.swift: both
files change together. Every file must be readable, have exactly the declared types, hold exactly
those rows in order, split into several row groups, and be gzip compressed where the Swift side asked.
"""

import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLES = Path(os.environ.get("KIBITZ_PARQUET_SAMPLES") or REPOSITORY / ".build/parquet-samples")

ROW_COUNT = 2_500
ROW_GROUP_SIZE = 1_000
ALL_TYPES_ROW_COUNT = 300
ALL_TYPES_ROW_GROUP_SIZE = 128
UINT64_MAX = 2**64 - 1


def game_meta_row(index: int) -> dict:
    if index % 7 == 0:
        user_token = ""
    elif index % 7 == 1:
        user_token = f"héros-🦸-{index}"
    else:
        user_token = f"user-{index}"
    return {
        "game_token": "" if index == 0 else f"game-{index // 4}",
        "user_token": user_token,
        "superhero_id": 65_535 if index == 1 else (index * 7919) % 65_536,
    }


def game_podium_row(index: int) -> dict:
    return {
        "game_token": f"game-{index // 8}",
        "user_token": "" if index % 11 == 0 else f"player-{index}-ü",
        "rank": index % 256,
        "rounds": (index * 13) % 256,
        "damage_received": UINT64_MAX if index == 0 else index * 1_000_003,
        "damage_sent": UINT64_MAX - index if index % 2 == 0 else index << 40,
    }


def all_types_row(index: int) -> dict:
    if index == 0:
        normal, large = -(2**31), -(2**63)
    elif index == 1:
        normal, large = 2**31 - 1, 2**63 - 1
    else:
        normal, large = index * -12_345, index * -1_000_000_000_000
    return {
        "flag": None if index % 3 == 0 else index % 2 == 0,
        "small": index % 256 - 128,
        "medium": index * 100 - 15_000,
        "normal": normal,
        "large": large,
        "unsigned32": 2**32 - 1 if index == 0 else index * 1_000,
        "ratio": -0.0 if index == 0 else index / 8 - 10,
        "label": None if index % 4 == 0 else f"label-{index}",
        "count": None if index % 5 == 0 else UINT64_MAX - index,
    }


TABLES = {
    "game_meta": {
        "rows": [game_meta_row(index) for index in range(ROW_COUNT)],
        "schema": pa.schema(
            [
                pa.field("game_token", pa.string(), nullable=False),
                pa.field("user_token", pa.string(), nullable=False),
                pa.field("superhero_id", pa.uint16(), nullable=False),
            ]
        ),
        "duckdb_types": ["VARCHAR", "VARCHAR", "USMALLINT"],
        "row_groups": 3,
        "row_group_size": ROW_GROUP_SIZE,
        "compression": "GZIP",
    },
    "game_podium": {
        "rows": [game_podium_row(index) for index in range(ROW_COUNT)],
        "schema": pa.schema(
            [
                pa.field("game_token", pa.string(), nullable=False),
                pa.field("user_token", pa.string(), nullable=False),
                pa.field("rank", pa.uint8(), nullable=False),
                pa.field("rounds", pa.uint8(), nullable=False),
                pa.field("damage_received", pa.uint64(), nullable=False),
                pa.field("damage_sent", pa.uint64(), nullable=False),
            ]
        ),
        "duckdb_types": ["VARCHAR", "VARCHAR", "UTINYINT", "UTINYINT", "UBIGINT", "UBIGINT"],
        "row_groups": 3,
        "row_group_size": ROW_GROUP_SIZE,
        "compression": "GZIP",
    },
    "all_types": {
        "rows": [all_types_row(index) for index in range(ALL_TYPES_ROW_COUNT)],
        "schema": pa.schema(
            [
                pa.field("flag", pa.bool_(), nullable=True),
                pa.field("small", pa.int8(), nullable=False),
                pa.field("medium", pa.int16(), nullable=False),
                pa.field("normal", pa.int32(), nullable=False),
                pa.field("large", pa.int64(), nullable=False),
                pa.field("unsigned32", pa.uint32(), nullable=False),
                pa.field("ratio", pa.float64(), nullable=False),
                pa.field("label", pa.string(), nullable=True),
                pa.field("count", pa.uint64(), nullable=True),
            ]
        ),
        "duckdb_types": [
            "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UINTEGER", "DOUBLE", "VARCHAR", "UBIGINT",
        ],
        "row_groups": 3,
        "row_group_size": ALL_TYPES_ROW_GROUP_SIZE,
        "compression": "UNCOMPRESSED",
    },
    "empty": {
        "rows": [],
        "schema": pa.schema(
            [
                pa.field("game_token", pa.string(), nullable=False),
                pa.field("user_token", pa.string(), nullable=False),
                pa.field("superhero_id", pa.uint16(), nullable=False),
            ]
        ),
        "duckdb_types": ["VARCHAR", "VARCHAR", "USMALLINT"],
        "row_groups": 0,
        "row_group_size": 65_536,
        "compression": None,
    },
}


def sample_path(name: str) -> Path:
    path = SAMPLES / f"{name}.parquet"
    if not path.exists():
        pytest.fail(f"no sample file at {path}: run `swift test` first (it writes the samples)")
    return path


@pytest.mark.parametrize("name", TABLES)
def test_pyarrow_reads_declared_types_and_rows(name):
    expected = TABLES[name]
    path = sample_path(name)
    with path.open("rb") as file:
        head = file.read(4)
        file.seek(-4, os.SEEK_END)
        tail = file.read(4)
    assert head == b"PAR1" and tail == b"PAR1"

    parquet_file = pq.ParquetFile(path)
    assert parquet_file.schema_arrow == expected["schema"]
    metadata = parquet_file.metadata
    assert metadata.created_by == "kibitz"
    assert metadata.num_rows == len(expected["rows"])
    assert metadata.num_row_groups == expected["row_groups"]
    sizes = [metadata.row_group(group).num_rows for group in range(metadata.num_row_groups)]
    group_size = expected["row_group_size"]
    row_count = len(expected["rows"])
    assert sizes == [min(group_size, row_count - start) for start in range(0, row_count, group_size)]
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        for column in range(row_group.num_columns):
            assert row_group.column(column).compression == expected["compression"]

    table = parquet_file.read()
    assert table.schema == expected["schema"]
    assert table.to_pylist() == expected["rows"]
    # Reading row group by row group sees the same rows: offsets and sizes in the footer are right.
    by_group = [
        row for group in range(metadata.num_row_groups) for row in parquet_file.read_row_group(group).to_pylist()
    ]
    assert by_group == expected["rows"]


@pytest.mark.parametrize("name", TABLES)
def test_duckdb_reads_declared_types_and_rows(name):
    expected = TABLES[name]
    path = sample_path(name)
    connection = duckdb.connect()
    description = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    assert [row[0] for row in description] == expected["schema"].names
    assert [row[1] for row in description] == expected["duckdb_types"]
    rows = connection.execute("SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    assert rows == [tuple(row.values()) for row in expected["rows"]]
    codecs = connection.execute(
        "SELECT DISTINCT compression FROM parquet_metadata(?)", [str(path)]
    ).fetchall()
    assert codecs == ([(expected["compression"],)] if expected["compression"] else [])


def test_statistics_follow_unsigned_order():
    """min/max of unsigned columns compare as unsigned: UInt64.max is a maximum, not -1."""
    metadata = pq.ParquetFile(sample_path("game_podium")).metadata
    rows = TABLES["game_podium"]["rows"]
    names = TABLES["game_podium"]["schema"].names
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        slice_rows = rows[group * ROW_GROUP_SIZE : group * ROW_GROUP_SIZE + row_group.num_rows]
        for column in range(row_group.num_columns):
            statistics = row_group.column(column).statistics
            values = [row[names[column]] for row in slice_rows]
            assert statistics.has_min_max
            assert statistics.null_count == 0
            if isinstance(values[0], str):
                encoded = [value.encode() for value in values]
                assert statistics.min.encode() == min(encoded) and statistics.max.encode() == max(encoded)
            else:
                assert (statistics.min, statistics.max) == (min(values), max(values))


def test_duckdb_prunes_with_statistics_and_filters_correctly():
    path = str(sample_path("game_podium"))
    rows = TABLES["game_podium"]["rows"]
    connection = duckdb.connect()
    count = connection.execute(
        "SELECT count(*) FROM read_parquet(?) WHERE damage_sent > 18446744073709550000", [path]
    ).fetchone()[0]
    assert count == sum(1 for row in rows if row["damage_sent"] > 18446744073709550000)
    top = connection.execute(
        "SELECT user_token, rank FROM read_parquet(?) WHERE rank = 255 ORDER BY user_token", [path]
    ).fetchall()
    assert top == sorted((row["user_token"], row["rank"]) for row in rows if row["rank"] == 255)
