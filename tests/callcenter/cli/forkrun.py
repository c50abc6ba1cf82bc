"""Run many ``main.py`` commands quickly: one process imports the program once, then forks a child per command.

Each child has its own stdin, stdout and stderr files and exits as the interpreter would (an uncaught exception
prints its traceback to stderr and exits 1), so what a test reads is what a user sees, without paying for Python's
start and the program's imports a hundred times over.

    python tests/callcenter/cli/forkrun.py REQUESTS.json RESULTS.json

REQUESTS: a list of {"argv", "cwd", "stdin"}; RESULTS: a list of {"returncode", "stdout", "stderr"} in that order.
POSIX only (``os.fork``); elsewhere the test runs each command in a process of its own.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import tempfile
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
TIMEOUT_S = 120
WARM = ("callcenter.cli", "callcenter.cli.reports", "callcenter.cli.ingest", "callcenter.cli.outbox",
        "callcenter.db.migrate", "callcenter.db.refdata", "callcenter.services.auth", "callcenter.services.demo",
        "callcenter.services.report_data", "callcenter.services.intake", "callcenter.reports.shift",
        "callcenter.reports.range", "callcenter.reports.export", "callcenter.forwarding.channels",
        "callcenter.cid.sources", "callcenter.eido", "callcenter.phone", "psycopg")


def _child(argv: list[str], cwd: str, stdin: str, out: str, err: str) -> None:
    for fd, path, flags in ((0, stdin, os.O_RDONLY), (1, out, os.O_WRONLY | os.O_TRUNC),
                            (2, err, os.O_WRONLY | os.O_TRUNC)):
        handle = os.open(path, flags)
        os.dup2(handle, fd)
        os.close(handle)
    os.chdir(cwd)
    signal.alarm(TIMEOUT_S)
    code: object = 0
    try:
        import main

        code = main.run(argv)
    except SystemExit as exc:
        code = exc.code
    except BaseException:
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("text") prints the text and exits 1
        os.write(2, f"{code}\n".encode())
        code = 1
    os._exit(code)


def run_all(requests: list[dict[str, str | list[str]]]) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="konsol112-forkrun-") as folder:
        for index, request in enumerate(requests):
            stdin, out, err = (str(Path(folder) / f"{index}.{name}") for name in ("in", "out", "err"))
            Path(stdin).write_text(str(request["stdin"]), encoding="utf-8")
            Path(out).touch()
            Path(err).touch()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _child(list(request["argv"]), str(request["cwd"]), stdin, out, err)
            _, status = os.waitpid(pid, 0)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            results.append({"returncode": code, "stdout": Path(out).read_text(encoding="utf-8", errors="replace"),
                            "stderr": Path(err).read_text(encoding="utf-8", errors="replace")})
    return results


def main() -> None:
    sys.path.insert(0, str(REPO))  # absolute: the children change folder
    for name in (*WARM, "main"):
        importlib.import_module(name)
    requests = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    Path(sys.argv[2]).write_text(json.dumps(run_all(requests)), encoding="utf-8")


if __name__ == "__main__":
    main()
