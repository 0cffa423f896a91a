"""Real Syncthing instances on 127.0.0.1 for tests: made, paired, waited on and stopped by the test.

Each instance gets its own home (config, keys, database) under a folder the test owns, ports the
test picked, and a fixed API key; discovery, relays, NAT, usage and crash reporting, upgrades and
the browser are off, so nothing leaves the loopback address. The REST API is driven with urllib.

    with start_cluster(tmp_path / "st", [tmp_path / "a", tmp_path / "b"]) as pair:
        (pair.folders[0] / "x.json").write_text("{}")
        pair.wait_in_sync()
        pair.pause(1)  # laptop 1 goes offline
        ...
        pair.resume(1)
        pair.wait_in_sync()
        assert not pair.conflicts()
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

FOLDER_ID = "centrelog-data"
#: How often the deadline loops look again; a poll interval, never a wait for something to happen.
POLL_S = 0.1
#: A full rescan, besides the watcher; Syncthing picks a point between 0.75 and 1.25 of it.
RESCAN_S = 5
STOP_TIMEOUT_S = 15.0
#: REST calls go straight to 127.0.0.1, whatever proxy the environment names.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class SyncthingError(RuntimeError):
    """An instance did not start, answered an error, or did not reach a state within its deadline."""


def syncthing_binary() -> str | None:
    return shutil.which("syncthing")


_GIVEN: set[int] = set()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now, never one given before in this run (the OS picks it; it is handed
    to Syncthing right after)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port not in _GIVEN:
            _GIVEN.add(port)
            return port


def conflict_copies(root: Path) -> list[Path]:
    """Every `*.sync-conflict-*` file under root, sorted (Syncthing's own folders left out)."""
    found = (p for p in root.rglob("*.sync-conflict-*") if ".stversions" not in p.relative_to(root).parts)
    return sorted(p for p in found if p.is_file())


def poll(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """condition()'s first truthy answer, looked for every POLL_S until the deadline; else SyncthingError."""
    deadline = time.monotonic() + timeout
    while True:
        answer = condition()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise SyncthingError(f"{what}: not reached within {timeout:g} s")
        time.sleep(POLL_S)


# -- one instance -------------------------------------------------------------------------------------------


_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",  # also turns STUN off
    "urAccepted": "-1",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "autoUpgradeIntervalH": "0",
    "restartOnWakeup": "false",
    "announceLANAddresses": "false",
    "setLowPriority": "false",
    "reconnectionIntervalS": "1",  # a resumed laptop is dialled again at once, not after a minute
}


class Instance:
    """One Syncthing process with its own home; `api()` speaks to its REST API."""

    def __init__(self, home: Path, name: str) -> None:
        self.home = home
        self.name = name
        self.api_key = f"centrelog-test-{name}"
        self.gui_port = free_port()
        self.listen_port = free_port()
        self.device_id = ""
        self.process: subprocess.Popen[bytes] | None = None
        self.log = home / "syncthing.log"

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    def generate(self) -> None:
        """Keys and config.xml, edited before the first start."""
        binary = syncthing_binary() or "syncthing"
        made = subprocess.run(
            [binary, "generate", f"--home={self.home}", "--no-default-folder", "--skip-port-probing"],
            capture_output=True,
            text=True,
            timeout=60,
            env=_environment(),
        )
        if made.returncode != 0:
            raise SyncthingError(f"syncthing generate failed for {self.name}: {made.stdout}{made.stderr}")
        config = self.home / "config.xml"
        tree = ET.parse(config)
        root = tree.getroot()
        own = root.find("device")
        assert own is not None, "generated config.xml has no device"
        self.device_id = own.attrib["id"]
        own.attrib["name"] = self.name
        gui = root.find("gui")
        assert gui is not None, "generated config.xml has no gui"
        gui.attrib["tls"] = "false"
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set(gui, "apikey", self.api_key)
        options = root.find("options")
        assert options is not None, "generated config.xml has no options"
        _set(options, "listenAddress", self.address)
        for key, value in _OPTIONS.items():
            _set(options, key, value)
        tree.write(config, encoding="utf-8", xml_declaration=False)

    def start(self) -> None:
        binary = syncthing_binary() or "syncthing"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [binary, "serve", f"--home={self.home}", "--no-browser", "--no-restart", "--no-upgrade"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=_environment(),
            )

    def wait_ready(self, timeout: float = 30.0) -> None:
        def answers() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise SyncthingError(f"{self.name} exited with {self.process.returncode}")
            try:
                return bool(self.api("GET", "/rest/system/ping", timeout=2).get("ping") == "pong")
            except (OSError, SyncthingError):
                return False

        try:
            poll(answers, timeout, f"{self.name}: REST API up")
        except SyncthingError as error:
            raise SyncthingError(f"{error}\n{self.log_tail()}") from None

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return f"({self.log} unreadable)"
        return f"--- last lines of {self.log} ---\n" + "\n".join(text.splitlines()[-lines:])

    def api(
        self,
        method: str,
        path: str,
        body: Any = None,
        timeout: float = 30.0,
        **query: str,
    ) -> Any:
        """One REST call; the answer's JSON (None when it has none). An HTTP error raises SyncthingError."""
        url = f"http://127.0.0.1:{self.gui_port}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method, headers={"X-API-Key": self.api_key})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with _DIRECT.open(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace").strip()
            raise SyncthingError(f"{self.name}: {method} {path} {query or ''} -> {error.code} {detail}") from None
        return json.loads(raw) if raw.strip() else None

    def connected(self, device_id: str) -> bool:
        connections = self.api("GET", "/rest/system/connections")["connections"]
        return bool(connections.get(device_id, {}).get("connected"))

    def ask_to_stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(OSError, SyncthingError):
                self.api("POST", "/rest/system/shutdown", timeout=5)

    def wait_stopped(self) -> None:
        """Wait for the exit asked for; killed when it has not come in STOP_TIMEOUT_S."""
        if self.process is None:
            return
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        self.ask_to_stop()
        self.wait_stopped()


def _set(parent: ET.Element, tag: str, text: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ST") and "proxy" not in k.lower()}
    env.update(STNOUPGRADE="1", STNORESTART="1", STNODEFAULTFOLDER="1")
    return env


# -- several instances sharing one folder -------------------------------------------------------------------


class Cluster:
    """N started instances, each pair of them paired, sharing FOLDER_ID between `folders[i]`.

    Devices are numbered as the folders are: `pause(1)` takes the second one offline.
    """

    def __init__(self, instances: Sequence[Instance], folders: Sequence[Path], folder_id: str) -> None:
        self.instances = list(instances)
        self.folders = list(folders)
        self.folder_id = folder_id
        self.paused: set[int] = set()

    def __len__(self) -> int:
        return len(self.instances)

    def _peers(self, index: int) -> list[Instance]:
        return [other for other in self.instances if other is not self.instances[index]]

    # What a test does.

    def scan(self, index: int | None = None) -> None:
        """Rescan the folder now on one instance, or on all; returns when the scan is done."""
        for i in range(len(self)) if index is None else [index]:
            self.instances[i].api("POST", "/rest/db/scan", timeout=120, folder=self.folder_id)

    def pause(self, index: int) -> None:
        """Take device `index` offline: it pauses every peer, so no connection to it is made or accepted.

        Only that device pauses: when both sides pause and resume each other, Syncthing 1.19 now and then
        leaves a half-open connection that holds the reconnection up for 20 s (its Hello timeout)."""
        me = self.instances[index]
        for peer in self._peers(index):
            me.api("POST", "/rest/system/pause", device=peer.device_id)
        self.paused.add(index)
        poll(lambda: not any(p.connected(me.device_id) for p in self._peers(index)), 30, f"{me.name} disconnected")

    def resume(self, index: int, timeout: float = 30.0) -> None:
        """Bring device `index` back; returns once every instance is connected to every other again."""
        me = self.instances[index]
        for peer in self._peers(index):
            me.api("POST", "/rest/system/resume", device=peer.device_id)
        self.paused.discard(index)
        self.wait_connected(timeout)

    def throttle(self, index: int, kbps: int) -> None:
        """Limit how fast device `index` receives from its peers, in kbit/s (0: no limit), loopback included:
        a slow line such as the minibus's, or a transfer slow enough for a test to look at it mid-way.
        A limit holds from the next connection, so the device is disconnected and connected again."""
        me = self.instances[index]
        me.api("PATCH", "/rest/config/options", {"limitBandwidthInLan": kbps > 0})
        for peer in self._peers(index):
            me.api("PATCH", f"/rest/config/devices/{peer.device_id}", {"maxRecvKbps": kbps})
        if index not in self.paused:
            self.pause(index)
            self.resume(index)

    def wait_connected(self, timeout: float = 30.0) -> None:
        def all_connected() -> bool:
            return all(
                mine.connected(other.device_id)
                for mine in self.instances
                for other in self.instances
                if other is not mine
            )

        poll(all_connected, timeout, "every instance connected to every other")

    def wait_in_sync(self, timeout: float = 30.0, scan: bool = True) -> None:
        """Return once every instance holds the same folder, else raise SyncthingError naming what lags.

        The folders are scanned first (so a change just written counts). Then, twice in a row with no index
        moving in between: every instance connected to every other, its folder idle with nothing needed and
        no pull errors, and each peer at completion 100 with nothing needed, as of the peer's latest index
        (Syncthing 1.19 reports a peer still pulling, or one not heard from, as 100 %: the index sequence each
        instance has seen from a peer must be the one that peer reports for itself).
        """
        if self.paused:
            raise SyncthingError(f"wait_in_sync with devices {sorted(self.paused)} paused: they can never catch up")
        if scan:
            self.scan()
        lagging: list[str] = []
        settled: list[tuple[int, ...]] = []

        def in_sync() -> bool:
            lagging.clear()
            statuses = [mine.api("GET", "/rest/db/status", folder=self.folder_id) for mine in self.instances]
            for mine, status in zip(self.instances, statuses, strict=True):
                if status["state"] != "idle" or status["needTotalItems"] or status.get("pullErrors"):
                    lagging.append(f"{mine.name}: {status['state']}, needs {status['needTotalItems']} items")
            for mine in self.instances:
                for other, status in zip(self.instances, statuses, strict=True):
                    if other is mine:
                        continue
                    if not mine.connected(other.device_id):
                        lagging.append(f"{mine.name}: {other.name} not connected")
                        continue
                    done = mine.api("GET", "/rest/db/completion", folder=self.folder_id, device=other.device_id)
                    if done["completion"] != 100 or done["needItems"] or done["needDeletes"]:
                        lagging.append(f"{mine.name} sees {other.name} at {done['completion']} %")
                    elif done["sequence"] != status["sequence"]:
                        lagging.append(f"{mine.name} has {other.name}'s index {done['sequence']}/{status['sequence']}")
            sequences = tuple(status["sequence"] for status in statuses)
            if lagging:
                settled.clear()
                return False
            if settled == [sequences]:
                return True
            settled[:] = [sequences]
            lagging.append("settling")
            return False

        try:
            poll(in_sync, timeout, "in sync")
        except SyncthingError as error:
            raise SyncthingError(f"{error}: {'; '.join(lagging)}") from None

    def conflicts(self) -> list[Path]:
        """Every conflict copy in every folder."""
        return [copy for folder in self.folders for copy in conflict_copies(folder)]

    # Setting up and stopping.

    def pair(self) -> None:
        for mine in self.instances:
            for other in self.instances:
                if other is not mine:
                    mine.api(
                        "POST",
                        "/rest/config/devices",
                        {"deviceID": other.device_id, "name": other.name, "addresses": [other.address]},
                    )

    def share(self) -> None:
        devices = [{"deviceID": instance.device_id} for instance in self.instances]
        for instance, folder in zip(self.instances, self.folders, strict=True):
            instance.api(
                "POST",
                "/rest/config/folders",
                {
                    "id": self.folder_id,
                    "label": self.folder_id,
                    "path": str(folder),
                    "type": "sendreceive",
                    "devices": devices,
                    "fsWatcherEnabled": True,
                    "fsWatcherDelayS": 1,
                    "rescanIntervalS": RESCAN_S,
                    "maxConflicts": -1,
                },
            )

    def stop(self) -> None:
        """Every instance asked to shut down at once, then waited for (killed after STOP_TIMEOUT_S)."""
        for instance in self.instances:
            instance.ask_to_stop()
        for instance in self.instances:
            instance.wait_stopped()


@contextlib.contextmanager
def start_cluster(
    homes: Path,
    folders: Sequence[Path],
    stignore: str | Sequence[str | None] | None = None,
    folder_id: str = FOLDER_ID,
    timeout: float = 30.0,
) -> Iterator[Cluster]:
    """Start one instance per folder (homes under `homes`), pair them all, share the folders, wait until
    connected and in sync, yield the cluster, and stop every instance afterwards, whatever happened.

    Each folder is made with its `.stfolder`; `stignore` (one text for all, or one per folder) is written as
    the folder's `.stignore` before it is shared. Files already in the folders are synced before the yield.
    """
    if syncthing_binary() is None:
        raise SyncthingError("syncthing is not on PATH")
    ignores = [stignore] * len(folders) if stignore is None or isinstance(stignore, str) else list(stignore)
    if len(ignores) != len(folders):
        raise ValueError("one .stignore per folder, or one for all")
    instances = []
    for number, folder in enumerate(folders):
        (folder / ".stfolder").mkdir(parents=True, exist_ok=True)
        if ignores[number] is not None:
            (folder / ".stignore").write_text(ignores[number] or "", encoding="utf-8")
        home = homes / f"home-{number}"
        home.mkdir(parents=True)
        instances.append(Instance(home, f"laptop-{number}"))
    cluster = Cluster(instances, folders, folder_id)
    try:
        for instance in instances:
            instance.generate()
        for instance in instances:
            instance.start()
        for instance in instances:
            instance.wait_ready(timeout)
        cluster.pair()
        cluster.share()
        cluster.wait_connected(timeout)
        cluster.wait_in_sync(timeout)
        yield cluster
    finally:
        cluster.stop()
