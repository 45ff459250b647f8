"""INSERT INTO a `'connector' = 'filesystem', 'format' = 'parquet'` table partitioned by date, on a
real `kibitz serve` fed by confluent-kafka, read back with pyarrow and DuckDB: the rows, their
Parquet types, one directory per partition value, updating queries and escaping paths refused,
and each row exactly once after a kill -9 in the middle of the job."""

import decimal
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from confluent_kafka import Producer

from conftest import KibitzServer

DAYS = ["2024-03-01", "2024-03-02", "2024-03-03"]
TIMEOUT = 30.0

SOURCE = """
CREATE TABLE orders (
  order_id BIGINT,
  customer STRING,
  price DECIMAL(10, 2),
  quantity INT,
  paid BOOLEAN,
  rating DOUBLE,
  note STRING,
  created_at TIMESTAMP(3),
  ts BIGINT
) WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset');
"""

SINK = """
CREATE TABLE order_files (
  order_id BIGINT NOT NULL,
  customer STRING,
  price DECIMAL(10, 2),
  quantity INT,
  paid BOOLEAN,
  rating DOUBLE,
  note STRING,
  created TIMESTAMP(3),
  dt STRING
) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = 'orders', 'format' = 'parquet');
"""

INSERT = """
INSERT INTO order_files
SELECT order_id, customer, price, quantity, paid, rating, note, created_at, DATE_FORMAT(created_at, 'yyyy-MM-dd')
FROM orders;
"""


def order(index: int) -> dict:
    day = DAYS[index % len(DAYS)]
    return {
        "order_id": index,
        "customer": f"c{index % 17}",
        "price": f"{index % 1000}.{index % 100:02d}",
        "quantity": index % 5 + 1,
        "paid": index % 3 != 0,
        "rating": index / 8,
        "note": None if index % 4 == 0 else f"note {index}",
        "created_at": f"{day} {index % 24:02d}:{index % 60:02d}:{index % 60:02d}.{index % 1000:03d}",
        "ts": index,
    }


def produce(server: KibitzServer, indexes: range) -> None:
    failures = []
    producer = Producer({"bootstrap.servers": server.bootstrap, "linger.ms": 5, "enable.idempotence": True})
    for index in indexes:
        producer.produce("orders", value=json.dumps(order(index)).encode(),
                         on_delivery=lambda error, _: failures.append(error) if error else None)
        producer.poll(0)
    assert producer.flush(30) == 0 and not failures, failures[:3]


def sql(server: KibitzServer, text: str) -> tuple[int, dict]:
    request = urllib.request.Request(server.base_url + "/api/sql", data=json.dumps({"sql": text}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.parquet")) if directory.exists() else []


def wait_for_rows(directory: Path, count: int) -> pa.Table:
    deadline = time.monotonic() + TIMEOUT
    rows = 0
    while time.monotonic() < deadline:
        if files(directory):
            table = ds.dataset(directory, format="parquet", partitioning="hive").to_table()
            rows = table.num_rows
            if rows >= count:
                return table
        time.sleep(0.1)
    pytest.fail(f"{rows} rows in {directory} after {TIMEOUT:.0f} s, expected {count}")


def expected_row(index: int) -> dict:
    source = order(index)
    return {
        "order_id": index,
        "customer": source["customer"],
        "price": decimal.Decimal(source["price"]),
        "quantity": source["quantity"],
        "paid": source["paid"],
        "rating": source["rating"],
        "note": source["note"],
        "created": source["created_at"],
        "dt": source["created_at"][:10],
    }


def test_rows_types_and_partitions(kibitz_server):
    produce(kibitz_server, range(600))
    status, answer = sql(kibitz_server, SOURCE + SINK + INSERT)
    assert status == 200, answer
    directory = kibitz_server.data_dir / "warehouse" / "orders"
    table = wait_for_rows(directory, 600)

    # One directory per day, the partition column only in the directory names, as Flink writes.
    assert sorted(path.name for path in directory.iterdir() if not path.name.startswith(".")) == [
        f"dt={day}" for day in DAYS]
    for path in files(directory):
        schema = pq.read_schema(path)
        assert schema.names == ["order_id", "customer", "price", "quantity", "paid", "rating", "note", "created"]
        assert schema.field("order_id").type == pa.int64() and not schema.field("order_id").nullable
        assert schema.field("customer").type == pa.string()
        assert schema.field("price").type == pa.decimal128(10, 2)
        assert schema.field("quantity").type == pa.int32()
        assert schema.field("paid").type == pa.bool_()
        assert schema.field("rating").type == pa.float64()
        assert schema.field("created").type == pa.timestamp("ms")
        day = path.parent.name.removeprefix("dt=")
        assert all(value.startswith(day) for value in pq.read_table(path).column("created").cast(pa.string())
                   .to_pylist())
    assert not [path for path in directory.rglob(".*")], "staging files left behind"

    rows = sorted(table.to_pylist(), key=lambda row: row["order_id"])
    actual = [{**row, "created": row["created"].isoformat(sep=" ", timespec="milliseconds"), "dt": str(row["dt"])}
              for row in rows]
    assert actual == [expected_row(index) for index in range(600)]

    # DuckDB reads the same files, partitions included, with exact decimals.
    result = duckdb.sql(
        f"SELECT CAST(dt AS VARCHAR), COUNT(*), SUM(price), COUNT(note) FROM read_parquet('{directory}/*/*.parquet', "
        "hive_partitioning = true) GROUP BY ALL ORDER BY 1").fetchall()
    expected = []
    for day in DAYS:
        day_rows = [expected_row(index) for index in range(600) if expected_row(index)["dt"] == day]
        expected.append((day, len(day_rows), sum(row["price"] for row in day_rows),
                         sum(row["note"] is not None for row in day_rows)))
    assert result == expected


@pytest.mark.parametrize("statement, message", [
    ("INSERT INTO order_files SELECT MAX(order_id), customer, CAST(NULL AS DECIMAL(10, 2)), 1, TRUE, 1.0, '', "
     "CAST(NULL AS TIMESTAMP(3)), 'x' FROM orders GROUP BY customer", "doesn't support consuming update changes"),
    ("CREATE TABLE escaping (a STRING) WITH ('connector' = 'filesystem', 'path' = '../../outside', "
     "'format' = 'parquet'); INSERT INTO escaping SELECT customer FROM orders",
     "Invalid value for option 'path': '../../outside'"),
    ("CREATE TABLE absolute (a STRING) WITH ('connector' = 'filesystem', 'path' = '/tmp/kibitz-outside', "
     "'format' = 'parquet'); INSERT INTO absolute SELECT customer FROM orders",
     "Invalid value for option 'path': '/tmp/kibitz-outside'"),
])
def test_refusals_change_nothing(kibitz_server, statement, message):
    status, answer = sql(kibitz_server, SOURCE + SINK)
    assert status == 200, answer
    status, answer = sql(kibitz_server, statement)
    assert status == 400 and message in answer["error"], answer
    if "'path'" in message:
        # The CREATE TABLE is refused at its 'path' option (column 68 of the line).
        assert (answer["line"], answer["column"]) == (1, 68), answer
    # Nothing was created: the script's table is unknown, no job writes, no file appeared.
    assert not (kibitz_server.data_dir / "warehouse").exists()
    assert not Path("/tmp/kibitz-outside").exists()
    status, answer = sql(kibitz_server, "SHOW TABLES")
    assert status == 200 and "escaping" not in json.dumps(answer) and "absolute" not in json.dumps(answer)
    # The server still takes a good job.
    produce(kibitz_server, range(10))
    status, answer = sql(kibitz_server, INSERT)
    assert status == 200, answer
    wait_for_rows(kibitz_server.data_dir / "warehouse" / "orders", 10)


def test_kill_minus_nine_mid_job_writes_each_row_once(kibitz_server):
    directory = kibitz_server.data_dir / "warehouse" / "orders"
    produce(kibitz_server, range(1_000))
    status, answer = sql(kibitz_server, SOURCE + SINK + INSERT)
    assert status == 200, answer
    wait_for_rows(directory, 1)
    produce(kibitz_server, range(1_000, 2_000))
    kibitz_server.kill()
    written_before_restart = len(files(directory))
    # The crash came mid-job: the second thousand rows were not all in files yet.
    manifest = json.loads((kibitz_server.data_dir / "sql" / "sinks" / "insert_into_order_files.json").read_text())
    assert 1 <= manifest["committedOffset"] < 2_000
    kibitz_server.start()
    produce(kibitz_server, range(2_000, 3_000))
    wait_for_rows(directory, 3_000)
    time.sleep(1.5)  # a duplicate would come with a later roll
    table = ds.dataset(directory, format="parquet", partitioning="hive").to_table()
    identifiers = table.column("order_id").to_pylist()
    assert len(identifiers) == 3_000 and sorted(identifiers) == list(range(3_000))
    assert written_before_restart >= 1
    assert not [path for path in directory.rglob(".*")], "staging files left behind"
