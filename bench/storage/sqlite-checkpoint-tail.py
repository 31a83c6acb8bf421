#!/usr/bin/env python3
"""How long a group commit waits on SQLite when the write-ahead log is copied back in the commit, against in the background.

A measurement of SQLite alone (docs/performance.md, "A checkpoint off the commit path"): one connection commits batches
of 30 audit-like rows, one transaction after another, as the audit writer does under load (WAL, synchronous=FULL, two
indexes), for a fixed time, and the commit times' percentiles are printed. In mode 'auto' SQLite copies the log back
itself, inside whichever commit finds it past 1,000 pages; in mode 'background' that connection has wal_autocheckpoint=0
and a second connection runs a PASSIVE checkpoint every 500 ms, as SqliteCheckpointer does.
Usage: bench/storage/sqlite-checkpoint-tail.py auto|background [seconds=20] [folder=/tmp]
"""
import os
import sqlite3
import sys
import threading
import time

mode = sys.argv[1] if len(sys.argv) > 1 else ""
if mode not in ("auto", "background"):
    sys.exit(__doc__)
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
folder = sys.argv[3] if len(sys.argv) > 3 else "/tmp"
path = os.path.join(folder, f"checkpoint-tail-{mode}-{os.getpid()}.db")

writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
writer.execute("PRAGMA journal_mode=WAL")
writer.execute("PRAGMA synchronous=FULL")
writer.execute("CREATE TABLE events(id INTEGER PRIMARY KEY, actor TEXT, subject TEXT, at TEXT, what TEXT)")
writer.execute("CREATE INDEX events_subject ON events(subject, at)")
writer.execute("CREATE INDEX events_actor ON events(actor, at)")

stop = threading.Event()
if mode == "background":
    writer.execute("PRAGMA wal_autocheckpoint=0")

    def checkpoint():
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("PRAGMA synchronous=FULL")
        while not stop.wait(0.5):
            other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        other.close()

    threading.Thread(target=checkpoint, daemon=True).start()

times = []
row = 0
end = time.monotonic() + seconds
try:
    while time.monotonic() < end:
        started = time.perf_counter()
        writer.execute("BEGIN")
        for _ in range(30):
            row += 1
            writer.execute(
                "INSERT INTO events(actor, subject, at, what) VALUES (?, ?, ?, ?)",
                (f"actor-{row % 97}", f"subject-{row % 1013}-{os.urandom(8).hex()}", repr(time.time()), "read of diary entries" * 3))
        writer.execute("COMMIT")
        times.append((time.perf_counter() - started) * 1000)
finally:
    stop.set()
    writer.close()
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass

times.sort()
n = len(times)


def at(share):
    return times[min(n - 1, int(n * share))]


print(f"{mode}: {n} commits of 30 rows in {seconds:g} s; commit p50 {at(0.5):.2f} ms, p90 {at(0.9):.2f} ms, "
      f"p99 {at(0.99):.2f} ms, p99.9 {at(0.999):.2f} ms, max {times[-1]:.1f} ms")
