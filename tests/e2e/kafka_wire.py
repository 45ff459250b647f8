"""Hand-made Kafka protocol bytes for tests that must send what no well-behaved client sends."""

import gzip
import socket
import struct
import time
import zlib

_CRC32C_TABLE = []
for _byte in range(256):
    _crc = _byte
    for _ in range(8):
        _crc = (_crc >> 1) ^ 0x82F63B78 if _crc & 1 else _crc >> 1
    _CRC32C_TABLE.append(_crc)


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _CRC32C_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def varint(value: int) -> bytes:
    value = (value << 1) ^ (value >> 63)
    out = bytearray()
    while value & ~0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def record(value: bytes, offset_delta: int) -> bytes:
    """One record of a RecordBatch v2: no key, no headers."""
    body = b"\x00" + varint(0) + varint(offset_delta) + varint(-1) + varint(len(value)) + value + varint(0)
    return varint(len(body)) + body


def record_batch(values: list[bytes], timestamp: int | None = None) -> bytes:
    """An uncompressed RecordBatch v2 with a correct CRC-32C."""
    records = b"".join(record(value, delta) for delta, value in enumerate(values))
    return raw_record_batch(records, len(values), timestamp=timestamp)


def raw_record_batch(
    records: bytes,
    count: int,
    attributes: int = 0,
    timestamp: int | None = None,
    producer: tuple[int, int, int] = (-1, -1, -1),
) -> bytes:
    """A RecordBatch v2 around `records` taken as they are, with a correct CRC-32C: the header and
    checksum are right whatever the records hold, as a broken or hostile producer could send.
    `producer` is (producer id, epoch, base sequence); attribute 0x10 marks a transactional batch."""
    timestamp = timestamp if timestamp is not None else int(time.time() * 1000)
    producer_id, epoch, sequence = producer
    after_crc = (
        struct.pack(">hiqqqhii", attributes, count - 1, timestamp, timestamp, producer_id, epoch, sequence, count)
        + records
    )
    crc = crc32c(after_crc)
    batch_length = 4 + 1 + 4 + len(after_crc)
    return struct.pack(">qiibI", 0, batch_length, -1, 2, crc) + after_crc


def string(value: str | None) -> bytes:
    if value is None:
        return struct.pack(">h", -1)
    encoded = value.encode()
    return struct.pack(">h", len(encoded)) + encoded


def request(api_key: int, version: int, correlation_id: int, body: bytes, client_id: str = "wire-test") -> bytes:
    payload = struct.pack(">hhi", api_key, version, correlation_id) + string(client_id) + body
    return struct.pack(">i", len(payload)) + payload


def produce_body(topic: str, partition: int, records: bytes, acks: int = 1) -> bytes:
    """A Produce request body at version 3 to 8 (same layout)."""
    return (
        string(None)
        + struct.pack(">hi", acks, 5000)
        + struct.pack(">i", 1)
        + string(topic)
        + struct.pack(">i", 1)
        + struct.pack(">i", partition)
        + struct.pack(">i", len(records))
        + records
    )


class Connection:
    """A raw TCP connection that sends frames and reads whole response frames."""

    def __init__(self, port: int):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=5)

    def send(self, data: bytes) -> None:
        self.socket.sendall(data)

    def receive_frame(self) -> bytes:
        size = struct.unpack(">i", self._exactly(4))[0]
        return self._exactly(size)

    def _exactly(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = self.socket.recv(count - len(data))
            if not chunk:
                raise ConnectionError("closed by the broker")
            data += chunk
        return data

    def is_closed_by_peer(self, timeout: float = 5) -> bool:
        self.socket.settimeout(timeout)
        try:
            return self.socket.recv(1) == b""
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False

    def close(self) -> None:
        self.socket.close()


def produce_error_code(response: bytes) -> int:
    """The error code of the single partition in a Produce response (versions 3 to 7)."""
    # correlation id, topic count, topic name, partition count, partition index, error code
    topic_length = struct.unpack(">h", response[8:10])[0]
    offset = 10 + topic_length + 4 + 4
    return struct.unpack(">h", response[offset : offset + 2])[0]


def legacy_message(value: bytes, offset: int = 0, attributes: int = 0, timestamp: int = 0) -> bytes:
    """One message of the old format, magic 1 (Produce v2), with its offset, size and CRC-32."""
    body = struct.pack(">bbq", 1, attributes, timestamp) + struct.pack(">i", -1) + struct.pack(">i", len(value)) + value
    return struct.pack(">qiI", offset, 4 + len(body), zlib.crc32(body)) + body


def legacy_gzip_wrapper(values: list[bytes], offset: int) -> bytes:
    """A gzip wrapper message of magic 1 holding `values` with relative inner offsets (KIP-31)."""
    inner = b"".join(legacy_message(value, index) for index, value in enumerate(values))
    return legacy_message(gzip.compress(inner), offset=offset, attributes=1)
