"""The Go client programs of tests/clients (sarama, kafka-go), built once into .build/go.

They build in GOPATH mode against Debian's packaged sources (golang-go and the libraries' -dev
packages, installed by scripts/setup): no module download, no vendored code. A program is rebuilt
only when its source is newer than the binary, so a test session pays the build (seconds) once.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
BUILD_DIRECTORY = REPOSITORY / ".build" / "go"
DEBIAN_GOPATH = "/usr/share/gocode"


def build_go_client(name: str) -> Path:
    """Builds tests/clients/NAME into .build/go/NAME-client unless that binary is up to date."""
    if shutil.which("go") is None or not Path(DEBIAN_GOPATH).is_dir():
        pytest.fail("no Go toolchain or Debian Go sources: run scripts/setup")
    source = REPOSITORY / "tests" / "clients" / name
    binary = BUILD_DIRECTORY / f"{name}-client"
    newest_source = max(path.stat().st_mtime for path in source.glob("*.go"))
    if binary.exists() and binary.stat().st_mtime >= newest_source:
        return binary
    BUILD_DIRECTORY.mkdir(parents=True, exist_ok=True)
    environment = {
        **os.environ,
        "GO111MODULE": "off",
        "GOPATH": DEBIAN_GOPATH,
        "GOCACHE": str(BUILD_DIRECTORY / "cache"),
        "GOFLAGS": "",
    }
    result = subprocess.run(
        ["go", "build", "-o", str(binary), f"./tests/clients/{name}"],
        cwd=REPOSITORY, env=environment, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"building tests/clients/{name} failed:\n{result.stderr[-3000:]}")
    return binary


class ClientFailed(AssertionError):
    """A client operation exited non-zero; the message carries the client's error and log tail."""


@dataclass
class GoClient:
    """Runs one subcommand of a Go client program against a broker and parses its JSON answer."""

    binary: Path
    bootstrap: str
    default_flags: tuple[str, ...] = ()

    def __call__(self, subcommand: str, process_timeout: float = 90, **flags) -> dict:
        arguments = [str(self.binary), subcommand, "-brokers", self.bootstrap, *self.default_flags]
        for name, value in flags.items():
            arguments += [f"-{name.replace('_', '-')}", str(value)]
        result = subprocess.run(arguments, capture_output=True, text=True, timeout=process_timeout)
        if result.returncode != 0:
            log = "\n".join(result.stderr.splitlines()[-25:])
            raise ClientFailed(f"{' '.join(arguments[1:])} failed:\n{log}")
        return json.loads(result.stdout)
