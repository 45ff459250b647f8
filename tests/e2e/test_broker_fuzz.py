"""Issue 11's fuzzing test: over 100,000 mutated request frames of every kind the broker serves,
seeded and bounded in time; afterwards the broker answers every client, uses no more CPU or memory
than before, and its log holds rate-limited warnings rather than one per frame."""

import asyncio
import os
import random
import struct
import subprocess
import time

from kafka_wire import record_batch, request, string
from process_health import assert_settles, resident_bytes

FRAMES = int(os.environ.get("KIBITZ_FUZZ_FRAMES", "100000"))
SECONDS = float(os.environ.get("KIBITZ_FUZZ_SECONDS", "150"))
SEED = int(os.environ.get("KIBITZ_FUZZ_SEED", "20261207"))


def array(items: list[bytes]) -> bytes:
    return struct.pack(">i", len(items)) + b"".join(items)


def templates() -> list[bytes]:
    """Valid request frames (size prefix included) for the APIs clients use, at several versions."""
    batch = record_batch([b'{"ts": 1}', b"two"])
    topic = "fuzz"
    produce = string(None) + struct.pack(">hi", 1, 5000) + array(
        [string(topic) + array([struct.pack(">i", 0) + struct.pack(">i", len(batch)) + batch])]
    )
    fetch = struct.pack(">iiiib", -1, 0, 1, 1 << 20, 0) + array(
        [string(topic) + array([struct.pack(">iqi", 0, 0, 1 << 20)])]
    )
    list_offsets = struct.pack(">i", -1) + array([string(topic) + array([struct.pack(">iq", 0, -1)])])
    metadata = array([string(topic)])
    create_topics = array([string("fuzz-created") + struct.pack(">ih", 2, 1) + array([]) + array([])]) + struct.pack(
        ">ib", 5000, 0
    )
    join_group = (
        string("fuzz-group") + struct.pack(">ii", 6000, 6000) + string("") + string("consumer")
        + array([string("range") + struct.pack(">i", 0)])
    )
    offset_fetch = string("fuzz-group") + array([string(topic) + array([struct.pack(">i", 0)])])
    offset_commit = string("fuzz-group") + struct.pack(">i", -1) + string("") + struct.pack(">q", -1) + array(
        [string(topic) + array([struct.pack(">iq", 0, 1) + string(None)])]
    )
    frames = [
        request(18, 0, 1, b""),  # ApiVersions
        request(18, 3, 2, b"\x00" + b"\x07kibitz" + b"\x021" + b"\x00"),  # flexible: tagged header
        request(3, 1, 3, metadata),
        request(3, 4, 4, metadata + b"\x01"),
        request(0, 3, 5, produce),
        request(0, 7, 6, produce),
        request(1, 4, 7, fetch),
        request(2, 1, 8, list_offsets),
        request(10, 1, 9, string("fuzz-group") + b"\x00"),  # FindCoordinator
        request(19, 1, 10, create_topics),
        request(11, 1, 11, join_group),
        request(9, 1, 12, offset_fetch),
        request(8, 2, 13, offset_commit),
        request(12, 0, 14, string("fuzz-group") + struct.pack(">i", 1) + string("nobody")),  # Heartbeat
        request(15, 0, 15, array([string("fuzz-group")])),  # DescribeGroups
    ]
    return frames


def mutate(frame: bytes, generator: random.Random) -> bytes:
    """One hostile variant: flipped bits, extreme integers, cut or grown bodies, lying sizes."""
    body = bytearray(frame[4:])
    kind = generator.randrange(20)
    if kind < 5:
        for _ in range(generator.randint(1, 4)):
            position = generator.randrange(len(body))
            body[position] ^= 1 << generator.randrange(8)
    elif kind < 9 and len(body) >= 4:
        position = generator.randrange(len(body) - 3)
        body[position:position + 4] = struct.pack(">i", generator.choice([-1, 0, 0x7FFFFFFF, -0x80000000, 1 << 20]))
    elif kind < 13:
        del body[generator.randrange(len(body)):]
    elif kind < 16:
        position = generator.randrange(len(body) + 1)
        body[position:position] = generator.randbytes(generator.randint(1, 16))
    elif kind < 19:
        body[generator.randrange(len(body))] = generator.randrange(256)
    else:
        # The size prefix lies about the body: the rest starts a frame of whatever size it reads as.
        return struct.pack(">i", generator.randint(0, len(body))) + bytes(body)
    return struct.pack(">i", len(body)) + bytes(body)


SENTINEL = 0x5EA1ED


async def fuzz_connection(port: int, frames: list[bytes], budget: "FrameBudget") -> None:
    """Sends one mutated frame and a valid ApiVersions after it, then reads until the ApiVersions
    answer (the broker got past the frame) or the end of the connection (it refused it)."""
    sentinel = request(18, 0, SENTINEL, b"")
    reader = writer = None
    while (frame := budget.take()) is not None:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            budget.connections += 1
        writer.write(frame + sentinel)
        try:
            await asyncio.wait_for(read_until_sentinel(reader), timeout=0.5)
            budget.answered += 1
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def read_until_sentinel(reader: asyncio.StreamReader) -> None:
    while True:
        size = struct.unpack(">i", await reader.readexactly(4))[0]
        answer = await reader.readexactly(size)
        if struct.unpack(">i", answer[:4])[0] == SENTINEL:
            return


class FrameBudget:
    """Hands out mutated frames until the count or the time is used up."""

    def __init__(self, frames: list[bytes], count: int, seconds: float, seed: int):
        self.frames = frames
        self.left = count
        self.deadline = time.monotonic() + seconds
        self.generator = random.Random(seed)
        self.sent = 0
        self.answered = 0
        self.connections = 0

    def take(self) -> bytes | None:
        if self.left <= 0 or time.monotonic() > self.deadline:
            return None
        self.left -= 1
        self.sent += 1
        return mutate(self.generator.choice(self.frames), self.generator)


def test_a_hundred_thousand_mutated_frames_leave_the_broker_healthy(kibitz_server):
    server = kibitz_server
    subprocess.run(
        ["kcat", "-b", server.bootstrap, "-P", "-t", "fuzz"], input="kept\n", text=True, check=True, timeout=30,
    )
    baseline_memory = resident_bytes(server.process.pid)
    budget = FrameBudget(templates(), FRAMES, SECONDS, SEED)
    started = time.monotonic()

    async def run() -> None:
        await asyncio.gather(*(fuzz_connection(server.kafka_port, budget.frames, budget) for _ in range(32)))

    asyncio.run(run())
    elapsed = time.monotonic() - started
    print(
        f"{budget.sent} mutated frames in {elapsed:.1f} s: {budget.answered} answered and passed, "
        f"the rest refused by closing one of {budget.connections} connections"
    )
    assert budget.sent >= FRAMES, f"only {budget.sent} frames in {SECONDS} s"
    assert budget.answered > FRAMES // 10, "almost nothing got past: the mutations are too blunt to test the handlers"

    assert_settles(server, within=3.0)
    memory_growth = resident_bytes(server.process.pid) - baseline_memory
    assert memory_growth < 150 * 1024 * 1024, f"{memory_growth / 1e6:.0f} MB more than before"
    # Every client is served afterwards, and the good record is still there.
    result = subprocess.run(
        ["kcat", "-b", server.bootstrap, "-C", "-t", "fuzz", "-o", "beginning", "-e", "-q"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0 and "kept" in result.stdout.splitlines(), result.stderr
    assert server.log_path.stat().st_size < 5_000_000, "warnings were not rate-limited"
    server.restart()
    assert_settles(server)
