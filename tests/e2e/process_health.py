"""What a running `kibitz serve` costs the machine: CPU time and resident memory, from /proc."""

import os
import time
import urllib.request

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def resident_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def assert_settles(server, within: float = 2.0, max_cpu_share: float = 0.25, max_resident_mb: int = 400) -> None:
    """The server uses at most `max_cpu_share` of one core over `within` seconds, holds less than
    `max_resident_mb` of memory, and answers /health at once: nothing spins or grows behind."""
    pid = server.process.pid
    assert server.process.poll() is None, "kibitz serve died"
    start = cpu_seconds(pid)
    time.sleep(within)
    used = cpu_seconds(pid) - start
    assert used <= within * max_cpu_share, f"{used:.2f} CPU seconds in {within} s: something spins"
    resident = resident_bytes(pid) / 1024 / 1024
    assert resident < max_resident_mb, f"{resident:.0f} MB resident"
    with urllib.request.urlopen(server.base_url + "/health", timeout=2) as answer:
        assert answer.status == 200
