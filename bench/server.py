"""Start and stop a gunicorn server on a free 127.0.0.1 port and the mail deliverer beside it."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN_CONF = REPO / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(port: int, path: str, timeout: float, proc: subprocess.Popen) -> None:
    """Wait until GET path answers (any status below 500) or raise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status < 500:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()
        time.sleep(0.1)
    raise TimeoutError(f"server on port {port} not ready after {timeout} s")


class GunicornServer:
    """A gunicorn process serving `app_spec` with deploy/gunicorn.conf.py."""

    def __init__(
        self,
        app_spec: str,
        env: dict[str, str],
        workers: int = 2,
        ready_path: str = "/",
        log_path: Path | None = None,
        port: int | None = None,
    ) -> None:
        self.app_spec, self.workers, self.ready_path = app_spec, workers, ready_path
        self.port = port or free_port()
        self.env = {**os.environ, **env, "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        self.log_path = log_path
        self.log = None
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "GunicornServer":
        """Start gunicorn and wait until it answers."""
        cmd = [str(BIN / "gunicorn"), "--config", str(GUNICORN_CONF), self.app_spec]
        self.log = open(self.log_path, "ab") if self.log_path else None  # noqa: SIM115
        out = self.log or subprocess.DEVNULL
        self.proc = subprocess.Popen(
            cmd, cwd=REPO, env=self.env, stdout=out, stderr=out, start_new_session=True
        )
        try:
            wait_ready(self.port, self.ready_path, timeout, self.proc)
        except BaseException:
            self.kill()
            raise
        return self

    def stop(self, timeout: float = 30) -> None:
        """Stop gunicorn gracefully (SIGTERM), then kill it if it lingers."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close_log()

    def kill(self) -> None:
        """Kill the whole process group with SIGKILL (a crash, not a shutdown)."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self._close_log()

    def _close_log(self) -> None:
        """Close the log file handed to gunicorn."""
        if self.log is not None:
            self.log.close()
            self.log = None

    def __enter__(self) -> "GunicornServer":
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class MailDeliverer:
    """`flask --app request_api send-mail --watch` at lower priority (nice 10), as in production."""

    def __init__(self, env: dict[str, str], interval: float = 1.0, log_path: Path | None = None):
        self.env = {**os.environ, **env}
        self.cmd = ["nice", "-n", "10", str(BIN / "flask"), "--app", "request_api", "send-mail",
                    "--watch", "--interval", f"{interval:g}"]  # fmt: skip
        self.log_path = log_path
        self.log = None
        self.proc: subprocess.Popen | None = None
        self.returncode: int | None = None

    def start(self) -> "MailDeliverer":
        """Start the deliverer in a session of its own."""
        self.log = open(self.log_path, "ab") if self.log_path else None  # noqa: SIM115
        out = self.log or subprocess.DEVNULL
        self.proc = subprocess.Popen(
            self.cmd, cwd=REPO, env=self.env, stdout=out, stderr=out, start_new_session=True
        )
        return self

    def stop(self, timeout: float = 60) -> int | None:
        """Stop it with SIGTERM (it finishes its run), kill it if it lingers; return its status."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.returncode = self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
                self.returncode = None
        if self.log is not None:
            self.log.close()
            self.log = None
        return self.returncode

    def __enter__(self) -> "MailDeliverer":
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
