"""A real CUPS print server on 127.0.0.1 for tests, with cups-pdf virtual printers writing into a folder the test owns.

The test starts `cupsd` itself (`cupsd -f -c cupsd.conf -s cups-files.conf`) with its own configuration,
spool, state, cache and logs in a folder of its own under /tmp (never the system's), listening on a port
the test picked, asking no one for a password. The app reaches it the way it reaches any print server:
`CUPS_SERVER=127.0.0.1:PORT` in the environment.

    with start_cups() as cups:
        cups.add_pdf_printer("PDF", default=True)
        ... print with CUPS_SERVER=cups.address ...
        printed = cups.printed("PDF-1")  # the PDF the printer made of job 1

The printers are cups-pdf (Debian: printer-driver-cups-pdf) with the driver's own PPD, copied with
`*cupsManualCopies: True` so that CUPS makes the copies itself and every copy is a page of the printed PDF.
cups-pdf reads its settings from /etc/cups only (the path is compiled in): each printer here has a
device URI `cups-pdf:/<name>` and so its own `/etc/cups/cups-pdf-<name>.conf` (cups-pdf's per-queue
configuration), written by the test and removed with the server, that sends its PDFs, spool and log
into the test's folder. The cups-pdf backend runs only under a cupsd started as root, as CI runs the tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops
from pypdf import PdfReader

from tests.syncthing import free_port

#: The commands the tests need: the scheduler, its admin tool, and the clients the app itself runs.
TOOLS = ("cupsd", "lpadmin", "lpstat", "lp", "cupsreject", "cupsdisable")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
#: Where the driver's PPD is on Debian and Ubuntu (printer-driver-cups-pdf) and where older packages put it.
DRIVER_PPDS = (
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"),
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"),
    Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"),
    Path("/usr/share/cups/model/CUPS-PDF.ppd"),
)
#: cups-pdf's configuration folder (compiled into it).
CUPS_PDF_CONFIG = Path("/etc/cups")
POLL_S = 0.1


class CupsError(RuntimeError):
    """The server did not start, refused a command, or a job did not come out within its deadline."""


def driver_ppd() -> Path | None:
    return next((path for path in DRIVER_PPDS if path.is_file()), None)


def missing() -> str | None:
    """What this machine lacks for the CUPS tests (a sentence), or None when they can run."""
    for tool in TOOLS:
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            return f"{tool} is not installed (Debian: apt-get install cups printer-driver-cups-pdf)"
    if not BACKEND.exists() or driver_ppd() is None:
        return "the cups-pdf printer driver is not installed (Debian: apt-get install printer-driver-cups-pdf)"
    if os.geteuid() != 0:
        return "the cups-pdf backend runs only under a cupsd started as root: run the CUPS tests as root"
    if not os.access(CUPS_PDF_CONFIG, os.W_OK):
        return f"{CUPS_PDF_CONFIG} cannot be written: cups-pdf reads each printer's settings there"
    return None


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


def poll(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """condition()'s first truthy answer, looked for every POLL_S until the deadline; else CupsError."""
    deadline = time.monotonic() + timeout
    while True:
        answer = condition()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise CupsError(f"{what}: not within {timeout} s")
        time.sleep(POLL_S)


class CupsServer:
    """One cupsd on 127.0.0.1, its files under `root`; printers added by the test."""

    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.port = port
        self.address = f"127.0.0.1:{port}"
        #: Where the printers' PDFs come out.
        self.out = root / "printed"
        self.process: subprocess.Popen[bytes] | None = None
        self.configs: list[Path] = []

    # the server ------------------------------------------------------------

    def write_config(self) -> tuple[Path, Path]:
        etc = self.root / "etc"
        for folder in ("etc", "spool/tmp", "state", "cache", "log", "printed"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        cupsd = etc / "cupsd.conf"
        cupsd.write_text(
            "\n".join(
                [
                    f"Listen {self.address}",
                    "LogLevel debug",
                    "Browsing Off",
                    "BrowseLocalProtocols none",
                    "WebInterface No",
                    "DefaultAuthType None",
                    "MaxJobs 0",
                    "<Location />",
                    "  Order allow,deny",
                    "  Allow all",
                    "</Location>",
                    "<Policy default>",
                    "  <Limit All>",
                    "    Order deny,allow",
                    "  </Limit>",
                    "</Policy>",
                    "",
                ]
            ),
            encoding="utf-8",
        )
        files = etc / "cups-files.conf"
        places = {
            "ServerRoot": etc,
            "RequestRoot": self.root / "spool",
            "TempDir": self.root / "spool" / "tmp",
            "StateDir": self.root / "state",
            "CacheDir": self.root / "cache",
            "ErrorLog": self.root / "log" / "error_log",
            "AccessLog": self.root / "log" / "access_log",
            "PageLog": self.root / "log" / "page_log",
            "Printcap": self.root / "state" / "printcap",
        }
        lines = [f"{key} {value}" for key, value in places.items()] + ["User lp", "Group lp", "SystemGroup root", ""]
        files.write_text("\n".join(lines), encoding="utf-8")
        return cupsd, files

    def start(self, timeout: float) -> None:
        cupsd, files = self.write_config()
        self.process = subprocess.Popen(
            [_tool("cupsd"), "-f", "-c", str(cupsd), "-s", str(files)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(self.root / "log" / "cupsd.out").open("wb"),
        )

        def running() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise CupsError(f"cupsd stopped at start: {self.log_tail()}")
            return "scheduler is running" in self.run("lpstat", "-r").stdout

        poll(running, timeout, "cupsd to answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for config in self.configs:
            config.unlink(missing_ok=True)

    def log_tail(self, lines: int = 20) -> str:
        texts = []
        for name in ("cupsd.out", "error_log"):
            with contextlib.suppress(OSError):
                texts += (self.root / "log" / name).read_text("utf-8", "replace").splitlines()[-lines:]
        return "\n".join(texts)

    def environment(self) -> dict[str, str]:
        """The environment of a CUPS command, or of the app, aimed at this server."""
        return {**os.environ, "CUPS_SERVER": self.address, "LC_ALL": "C"}

    def run(self, *command: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        answer = subprocess.run(
            [_tool(command[0]), *command[1:]],
            capture_output=True,
            text=True,
            env=self.environment(),
            timeout=30,
            check=False,
        )
        if check and answer.returncode != 0:
            raise CupsError(f"{' '.join(command)}: {answer.stderr.strip()}\n{self.log_tail()}")
        return answer

    # printers --------------------------------------------------------------

    def add_pdf_printer(self, name: str, *, default: bool = False) -> None:
        """A cups-pdf printer called `name` whose PDFs land in `out`, accepting jobs."""
        queue = f"centrelog-test-{self.port}-{name}"
        config = CUPS_PDF_CONFIG / f"cups-pdf-{queue}.conf"
        self.configs.append(config)
        spool = self.root / "cups-pdf" / name
        config.write_text(
            "\n".join(
                [
                    "# Written by centrelog's tests (tests/cups.py) for their own print server; removed when it stops.",
                    f"Out {self.out}",
                    f"AnonDirName {self.out}",
                    f"Spool {spool / 'spool'}",
                    f"Log {spool / 'log'}",
                    "",
                ]
            ),
            encoding="utf-8",
        )
        source = driver_ppd()
        assert source is not None
        lines = source.read_text("latin-1").splitlines()
        ppd = self.root / f"{name}.ppd"
        ppd.write_text("\n".join([lines[0], "*cupsManualCopies: True", *lines[1:], ""]), encoding="latin-1")
        self.run("lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{queue}", "-P", str(ppd), check=True)
        if default:
            self.run("lpadmin", "-d", name, check=True)

    def refuse_jobs(self, name: str) -> None:
        """The printer stays, but takes no jobs (CUPS's "reject")."""
        self.run("cupsreject", "-r", "out of paper", name, check=True)

    def pause(self, name: str) -> None:
        """The printer takes jobs but holds them (CUPS's "disable"): they wait in its queue."""
        self.run("cupsdisable", "-r", "paused for the test", name, check=True)

    def printed(self, job: str, timeout: float = 60.0) -> Path:
        """The PDF the printer made of `job` (such as "PDF-3"), once the job is complete."""
        number = job.rpartition("-")[2]

        def done() -> Path | None:
            completed = self.run("lpstat", "-W", "completed", "-o").stdout.split()
            if job not in completed:
                return None
            found = sorted({*self.out.glob(f"*-job_{number}.pdf"), *self.out.glob(f"job_{number}-*.pdf")})
            return found[0] if found else None

        try:
            found: Path = poll(done, timeout, f"the printed PDF of job {job}")
        except CupsError as error:
            raise CupsError(f"{error}\n{self.log_tail()}") from None
        return found


@contextlib.contextmanager
def start_cups(timeout: float = 30.0) -> Iterator[CupsServer]:
    """A cupsd of the test's own in a new folder under /tmp, stopped and its folder removed afterwards.

    Not under pytest's tmp_path: the filters run as the user lp, who must reach the spool.
    """
    root = Path(tempfile.mkdtemp(prefix="centrelog-cups-"))
    root.chmod(0o755)
    server = CupsServer(root, free_port())
    try:
        server.start(timeout)
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def printed_title(path: Path) -> str:
    """The title a printed PDF carries (the job's title, which cups-pdf's Ghostscript keeps as UTF-8 bytes)."""
    title = PdfReader(path).trailer["/Info"].get_object()["/Title"]
    raw = title.original_bytes if hasattr(title, "original_bytes") else str(title).encode()
    return raw.decode("utf-8").removeprefix("(").removesuffix(")")


def unlike(printed: Image.Image, saved: Image.Image) -> float:
    """The share of a page's pixels that differ clearly between the printed PDF and the saved one (0: alike)."""
    if printed.size != saved.size:
        return 1.0
    differ = ImageChops.difference(printed, saved).point(lambda value: 255 if value > 96 else 0)
    histogram = differ.histogram()
    return histogram[255] / (printed.size[0] * printed.size[1])
