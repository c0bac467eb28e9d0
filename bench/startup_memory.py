#!/usr/bin/env python3
"""Start-up time and memory of Harbour against a minimal Tauri window.

Both binaries are release builds from the same Tauri version. Each run starts
the app under Xvfb in a fresh home folder and times process start to the
"harbour-ready" line each UI triggers just after its first frame is painted. It then
waits for things to settle and sums PSS over the whole process tree (the app
plus its WebKit web and network processes). Runs alternate between the two apps
so that machine noise hits both alike; ratios are reported, not raw limits.
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def children_of(pid):
    kids = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(d.name))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(kids.get(p, []))
    return tree


def comm(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def started_in(home):
    """Processes whose environment names this run's home folder: anything the run left behind."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if f"HOME={home}".encode() in (d / "environ").read_bytes().split(b"\0"):
                found.append(int(d.name))
        except OSError:
            continue
    return found


def mounts_under(home):
    try:
        return [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines() if line.split()[1].startswith(home)]
    except OSError:
        return []


def pss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_run(binary, display, settle):
    """One start of `binary` in a fresh home folder and its own D-Bus session, as
    the end-to-end tests do. Returns (seconds to ready, KiB PSS); anything the run
    leaves behind is killed and noted in LEFT_BEHIND."""
    home = tempfile.mkdtemp(prefix="harbour-bench-")
    runtime = f"{home}/run"
    os.mkdir(runtime, 0o700)
    env = dict(os.environ, DISPLAY=display, HOME=home, XDG_CONFIG_HOME=f"{home}/c", XDG_DATA_HOME=f"{home}/d",
               XDG_CACHE_HOME=f"{home}/k", XDG_RUNTIME_DIR=runtime, HARBOUR_REPORT_READY="1", NO_AT_BRIDGE="1")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    start = time.perf_counter()
    proc = subprocess.Popen(["dbus-run-session", "--", binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True, text=True)
    try:
        ready = None
        deadline = start + 60
        while time.perf_counter() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.strip() == "harbour-ready":
                ready = time.perf_counter() - start
                break
        if ready is None:
            raise RuntimeError(f"{binary} never reported ready")
        time.sleep(settle)
        # The app's tree, without the bus that dbus-run-session adds to both apps alike.
        pss = sum(pss_kib(p) for p in children_of(proc.pid) if comm(p) not in ("dbus-run-sessio", "dbus-daemon"))
        return ready, pss
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(0.2)
        # D-Bus starts the desktop portals for the session; they outlive it, so end them here.
        for pid in started_in(home):
            CLEANED.append(comm(pid))
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.1)
        for m in mounts_under(home):
            CLEANED.append(f"mount {Path(m).name}")
            subprocess.run(["fusermount", "-uz", m], stderr=subprocess.DEVNULL)
        LEFT_BEHIND.extend(comm(p) for p in started_in(home))
        LEFT_BEHIND.extend(f"mount {m}" for m in mounts_under(home))
        shutil.rmtree(home, ignore_errors=True)


CLEANED = []
LEFT_BEHIND = []


def start_xvfb():
    for n in range(120, 160):
        if Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            continue
        xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                return xvfb, f":{n}"
            time.sleep(0.05)
        xvfb.kill()
    sys.exit("could not start Xvfb")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--harbour", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--deb", required=True)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--settle", type=float, default=2.0)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()

    xvfb, display = start_xvfb()
    try:
        # One warm-up each so both start with the same disk cache.
        one_run(a.baseline, display, 0.2)
        one_run(a.harbour, display, 0.2)
        results = {"baseline": [], "harbour": []}
        for i in range(a.runs):
            order = [("baseline", a.baseline), ("harbour", a.harbour)]
            for name, binary in order if i % 2 == 0 else reversed(order):
                results[name].append(one_run(binary, display, a.settle))
    finally:
        xvfb.kill()

    med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for k, v in results.items()}
    deb_mb = Path(a.deb).stat().st_size / 1e6
    t_ratio = med["harbour"][0] / med["baseline"][0]
    m_ratio = med["harbour"][1] / med["baseline"][1]
    lines = [
        f"runs: {a.runs} each, alternating; settle {a.settle}s before reading memory",
        "",
        "| measure | baseline (minimal Tauri window) | Harbour | ratio | target |",
        "|---|---|---|---|---|",
        f"| start-up to UI ready, median | {med['baseline'][0]*1000:.0f} ms | {med['harbour'][0]*1000:.0f} ms | {t_ratio:.2f}x | at most 1.3x |",
        f"| memory, PSS of process tree, median | {med['baseline'][1]/1024:.1f} MiB | {med['harbour'][1]/1024:.1f} MiB | {m_ratio:.2f}x | at most 1.3x |",
        f"| .deb size | | {deb_mb:.2f} MB | | under 12 MB |",
        "",
        "all runs (seconds, KiB): " + "; ".join(f"{k}: " + ", ".join(f"{t:.3f}/{m}" for t, m in v) for k, v in results.items()),
    ]
    lines.append("")
    cleaned = sorted(set(CLEANED))
    lines.append(f"ended after each run (started by the run's D-Bus session): {len(CLEANED)} ({', '.join(cleaned) or 'none'})")
    lines.append(f"left behind after that: {len(LEFT_BEHIND)}" + (f" ({', '.join(LEFT_BEHIND)})" if LEFT_BEHIND else ""))
    report = "\n".join(lines)
    print(report)
    if a.out:
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(report + "\n")
    if LEFT_BEHIND:
        sys.exit("a run left processes or mounts behind that could not be ended; see above")


if __name__ == "__main__":
    main()
