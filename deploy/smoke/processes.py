"""Starting, waiting for and stopping the processes of the smoke run, each within a deadline."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx


class Deadline:
    """The one time budget every wait of the run shares."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self.at = self.started + seconds
        self.doing = "the first step"  # what the run is at, for the message when time runs out

    def left(self) -> float:
        return self.at - time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check(self, what: str) -> None:
        if self.left() <= 0:
            raise TimeoutError(f"over {self.seconds:.0f} s while {what}")


@dataclass
class Started:
    name: str
    process: subprocess.Popen
    log: Path
    stop_signal: int = signal.SIGTERM


@dataclass
class Processes:
    """Everything the run started, stopped in reverse order however the run ends."""

    folder: Path
    env: dict[str, str]
    started: list[Started] = field(default_factory=list)

    def start(self, name: str, argv: list[str], stop_signal: int = signal.SIGTERM) -> Started:
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                argv, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=self.folder
            )
        item = Started(name, process, log, stop_signal)
        self.started.append(item)
        return item

    def check_alive(self) -> None:
        for item in self.started:
            if item.process.poll() is not None:
                raise RuntimeError(f"{item.name} exited with {item.process.returncode}")

    def stop(self, grace: float = 10) -> list[str]:
        """Stops every process (a signal, then SIGKILL after `grace` seconds); returns the
        names of those that had to be killed."""
        for item in reversed(self.started):
            if item.process.poll() is None:
                item.process.send_signal(item.stop_signal)
        until = time.monotonic() + grace
        killed = []
        for item in reversed(self.started):
            try:
                item.process.wait(max(0.1, until - time.monotonic()))
            except subprocess.TimeoutExpired:
                item.process.kill()
                item.process.wait(5)
                killed.append(item.name)
        return killed

    def tails(self, lines: int = 15) -> str:
        parts = []
        for item in self.started:
            text = item.log.read_text(encoding="utf-8", errors="replace").splitlines()
            parts.append(f"--- {item.name} ({item.log})\n" + "\n".join(text[-lines:]))
        return "\n".join(parts)


async def wait_http(url: str, deadline: Deadline, processes: Processes, expect: int = 200) -> float:
    """Polls `url` until it answers `expect`; returns the seconds it took."""
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            deadline.check(f"waiting for {url}")
            processes.check_alive()
            try:
                if (await client.get(url)).status_code == expect:
                    return time.monotonic() - started
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
