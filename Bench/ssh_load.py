#!/usr/bin/env python3
"""Twenty consoles over real SSH on one database, typing filters and paging.

Each console is `ssh -tt` in its own pseudo-terminal (120x40) against a running sshd whose
forced command is `roster ssh session`. The output is fed to a VT100 screen (pyte); a
keystroke's latency is the time from writing the key to the first burst of output after
which its rows are on screen (the status line no longer says "filtering" or "loading").
The console's opening is timed too, alone and under the load: from sshd starting
the forced command (a stamp the script puts in front of it) to the first rows on screen. Then the console pauses THINK seconds, as a person reading the rows does, and the key's
settled time is when the count landed too (no "of …"), if it did before the next key. Meanwhile `roster ssh authorized-keys` is timed as sshd would run it, and the RSS of
every `roster ssh session` process is sampled. Prints one JSON object.

Used by Bench/ssh-load.sh, which builds the database, keys and sshd; see BENCHMARKS.md.
"""
import fcntl, gc, json, multiprocessing, os, pty, resource, random, re, select, struct, subprocess, sys, termios, threading, time

import pyte  # pip install pyte: a VT100 screen, to see when a keystroke's rows are drawn

QUIET = 0.15
# The status line's count while it is pending: "of …" (or "of ~" in the C locale's ASCII).
PENDING_COUNT = re.compile(r"of (…|~|\.\.\.)")
# Seconds a console pauses after each key's rows arrive; SSH_LOAD_THINK="MIN,MAX" changes it.
THINK = tuple(float(v) for v in os.environ.get("SSH_LOAD_THINK", "0.15,0.45").split(","))
# Each of the two `authorized-keys` timers (below) runs the command every AUTH_PAUSE s: together
# about as often as the one timer before them.
AUTH_PAUSE = 0.2
# The process that times `roster ssh authorized-keys` (argv: the command as JSON, the pause):
# runs it until its stdin closes, then prints {"ms": [...], "errors": [...]}.
TIMER = """
import json, select, subprocess, sys, time
command, pause = json.loads(sys.argv[1]), float(sys.argv[2])
ms, errors = [], []
while not select.select([sys.stdin], [], [], pause)[0]:
    started = time.monotonic()
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        ms.append(10_000.0)
        errors.append("no answer within 10 s")
        continue
    ms.append((time.monotonic() - started) * 1000)
    if "ssh session --key" not in result.stdout:
        errors.append(result.stderr.strip() or "no line printed")
print(json.dumps({"ms": ms, "errors": errors[:3]}))
"""
# How the consoles run: "processes" (the default), each console in a process of its own, as each
# person has a terminal of their own; or "threads", all twenty in this process, as before the
# seventeenth pass (but for the status line, read alone in both: see `status_line`). Threads
# share one interpreter lock, and a console whose output has arrived waits for it while the
# others parse their screens in Python, so its time included theirs.
# "processes" also stamps a key's rows when their last bytes were read, not after pyte (a VT100
# in Python, slower than any terminal) had parsed them and 2 ms of silence had passed.
HARNESS = os.environ.get("SSH_LOAD_HARNESS", "processes")
WORDS = ["tanaka", "silva", "souza", "mei", "ana", "li", "garcia", "nguyen", "kim", "berg"]


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Console:
    def __init__(self, index, command, duration):
        self.index, self.command, self.duration = index, command, duration
        self.rows, self.settled, self.bytes, self.error = [], [], [], None
        self.kinds = []  # what each timed key did, beside `rows`
        self.rng = random.Random(index)
        self.screen = pyte.Screen(120, 40)
        self.stream = pyte.ByteStream(self.screen)
        self.last_read = 0.0  # when the last burst's last bytes were read
        self.cpu_s = 0.0  # CPU of the console's own process (HARNESS "processes")

    def status(self):
        """The status line (the one that says how the list is sorted), as drawn now."""
        return status_line(self.screen)

    def burst(self, fd, wait):
        """Reads one burst of output (until 2 ms of silence) after waiting up to `wait` s."""
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return 0
        total = 0
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                raise EOFError
            self.last_read = time.monotonic()
            total += len(chunk)
            self.stream.feed(chunk)
            ready, _, _ = select.select([fd], [], [], 0.002)
            if not ready:
                return total

    def key(self, fd, data, kind):
        """Types one key and records when its rows were on screen; then pauses THINK seconds,
        as a person reading them does, and records when the count landed if it did by then."""
        sent = time.monotonic()
        os.write(fd, data)
        rows_at = settled_at = None
        total = 0

        def look(now):
            nonlocal rows_at, settled_at
            status = self.status()
            if rows_at is None and "filtering" not in status and "loading" not in status:
                rows_at = now
            if rows_at is not None and settled_at is None and not PENDING_COUNT.search(status):
                settled_at = now

        while rows_at is None and time.monotonic() - sent < 5:
            got = self.burst(fd, 1.0)
            if not got:
                break
            total += got
            look(self.arrived())
        think_until = time.monotonic() + self.rng.uniform(*THINK)
        while (left := think_until - time.monotonic()) > 0:
            got = self.burst(fd, left)
            total += got
            if got:
                look(self.arrived())
        if rows_at is not None:
            self.rows.append((rows_at - sent) * 1000)
            self.kinds.append(kind)
            if settled_at is not None:
                self.settled.append((settled_at - sent) * 1000)
            self.bytes.append(total)

    def arrived(self):
        """When the burst just read is taken to have reached the screen (see HARNESS)."""
        return self.last_read if HARNESS == "processes" else time.monotonic()

    def results(self):
        return {"rows": self.rows, "settled": self.settled, "bytes": self.bytes, "kinds": self.kinds, "error": self.error,
                "cpu_s": cpu_seconds()}

    def run(self):
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(self.command[0], self.command)
        try:
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            # The first screen: sign-in by key, then the first page and the count.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (" of " in self.status() and "..." not in self.status()):
                self.burst(fd, 1.0)
            end = time.monotonic() + self.duration
            while time.monotonic() < end:
                choice = self.rng.random()
                if choice < 0.6:
                    self.key(fd, b"/", "/ (filter)")
                    for length, ch in enumerate(self.rng.choice(WORDS)[: self.rng.randint(2, 6)], 1):
                        self.key(fd, ch.encode(), f"filter of {min(length, 4)}{'+' if length >= 4 else ''}")
                    self.key(fd, b"\x1b", "Esc (clear filter)")
                elif choice < 0.8:
                    for _ in range(3):
                        self.key(fd, b"\x06", "Ctrl-F (page down)")
                else:
                    for _ in range(4):
                        self.key(fd, b"j", "j (down)")
            os.write(fd, b"q")
            try:
                while self.burst(fd, 2.0):
                    pass
            except (EOFError, OSError):
                pass
        except (EOFError, OSError):
            self.error = "connection closed early"
        except Exception as problem:  # noqa: BLE001 - reported, not hidden
            self.error = repr(problem)
        finally:
            hang_up(fd, pid)


class Running:
    """One console running in a thread or a process of its own (HARNESS)."""

    def __init__(self, console):
        self.console = console
        if HARNESS == "threads":
            self.worker = threading.Thread(target=console.run, daemon=True)
        else:
            fork = multiprocessing.get_context("fork")
            self.results, sender = fork.Pipe(duplex=False)
            self.worker = fork.Process(target=self.serve, args=(sender,), daemon=True)
        self.worker.start()
        if HARNESS != "threads":
            sender.close()  # the child's copy alone: its end, if it dies, reads as the end here

    def serve(self, sender):
        self.console.run()
        sender.send(self.console.results())

    def is_alive(self):
        return self.worker.is_alive() and (HARNESS == "threads" or not self.results.poll())

    def collect(self):
        """The console, with what it measured."""
        if HARNESS != "threads":
            try:
                if not self.results.poll(10):
                    raise EOFError
                for name, value in self.results.recv().items():
                    setattr(self.console, name, value)
            except EOFError:
                self.console.error = "the console's process ended without its results"
        self.worker.join()
        return self.console


def status_line(screen):
    """The line that says how the list is sorted, as drawn now, or "". Read from the bottom a line
    at a time: `screen.display` builds all forty lines in Python (2 ms) after every burst, CPU
    that the server under test shares on this machine."""
    for y in reversed(range(screen.lines)):
        row = screen.buffer[y]
        line = "".join(row[x].data for x in range(screen.columns))
        if "sort " in line:
            return line
    return ""


def cpu_seconds():
    """CPU this process has used, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def hang_up(fd, pid):
    """Closes a console's pseudo-terminal and waits for its ssh to end."""
    try:
        os.close(fd)
    except OSError:
        pass
    os.waitpid(pid, 0)


def first_rows(command, starts, stop=None, runs=20):
    """Opens the console `runs` times, one after another (until `stop`, if given): the time from
    sshd starting the forced command (the stamp `starts` gets) to the first rows on screen, and
    from `ssh` starting (connection, key exchange, AuthorizedKeysCommand included)."""
    from_sshd, from_ssh, errors = [], [], []
    while (stop is None and len(from_sshd) + len(errors) < runs) or (stop is not None and not stop.is_set()):
        try:
            with open(starts) as file:
                before = len(file.read().split())
        except OSError:
            before = 0
        screen = pyte.Screen(120, 40)
        stream = pyte.ByteStream(screen)
        launched = time.time()
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(command[0], command)
        shown = None
        try:
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            deadline = time.monotonic() + 10
            while shown is None and time.monotonic() < deadline:
                ready, _, _ = select.select([fd], [], [], 0.5)
                if not ready:
                    continue
                stream.feed(os.read(fd, 65536))
                status = status_line(screen)
                # The status line is drawn with the table; "loading" goes when the first page lands.
                if status and "loading" not in status and any("@" in line for line in screen.display):
                    shown = time.time()
            os.write(fd, b"q")
            end = time.monotonic() + 3
            while time.monotonic() < end and select.select([fd], [], [], 0.5)[0]:
                if not os.read(fd, 65536):
                    break
        except OSError:
            pass
        finally:
            hang_up(fd, pid)
        try:
            with open(starts) as file:
                stamps = file.read().split()
        except OSError:
            stamps = []
        if shown is None or len(stamps) <= before:
            errors.append("no rows within 10 s" if shown is None else "no stamp from the forced command")
            continue
        from_sshd.append((shown - float(stamps[before])) * 1000)
        from_ssh.append((shown - launched) * 1000)
        if stop is not None:
            stop.wait(1.0)
    return {"runs": len(from_sshd), "sshd_to_rows_p50_ms": percentile(from_sshd, 50), "sshd_to_rows_p95_ms": percentile(from_sshd, 95),
            "sshd_to_rows_max_ms": max(from_sshd, default=None), "ssh_to_rows_p50_ms": percentile(from_ssh, 50),
            "ssh_to_rows_p95_ms": percentile(from_ssh, 95), "errors": errors[:3]}


def session_pids(settled=5):
    """The consoles' processes that have run `settled` seconds or more: not the ones the opening
    phase starts and closes, which have not typed anything yet."""
    out = subprocess.run(["ps", "-eo", "pid=,etimes=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 2) for line in out.splitlines()]
    return [int(row[0]) for row in rows if len(row) == 3 and "ssh session --key" in row[2] and "ps -eo" not in row[2]
            and int(row[1]) >= settled]


def session_rss():
    sizes = []
    for pid in session_pids():
        try:
            with open(f"/proc/{pid}/status") as status:
                sizes += [int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:")]
        except OSError:
            pass
    return sizes


def rss_breakdown():
    """Where the consoles' resident memory is, MB, the mean over every console: anonymous (heap,
    caches) or file-backed (code), and how much of it is private and dirty."""
    fields = ("Rss", "Pss_Anon", "Pss_File", "Private_Dirty")
    rollups = []
    for pid in session_pids():
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                rollups.append({line.split(":")[0]: int(line.split()[1]) for line in rollup if line.startswith(fields)})
        except OSError:
            continue
    if not rollups:
        return None
    return {field: round(sum(r.get(field, 0) for r in rollups) / len(rollups) / 1024, 1) for field in fields}


def main():
    # The collector stops every thread of this script while it runs: 400 collections a run,
    # 66 of them over 10 ms and the longest 110 ms (measured with gc.callbacks), each landing in
    # whatever keystrokes and openings were being timed. Screens and keys are freed by their
    # reference counts; nothing here needs the cycle collector in a run of minutes.
    gc.disable()
    config = json.loads(sys.argv[1])
    # Opening the console by key, alone on the server, before the load.
    opening_idle = first_rows(config["ssh"] + ["-i", config["keys"][0]], config["starts"])
    consoles = [Console(i, config["ssh"] + ["-i", key], config["duration"]) for i, key in enumerate(config["keys"])]
    running = []
    for console in consoles:
        running.append(Running(console))
        time.sleep(0.3)  # sshd's MaxStartups: don't arrive all at once
    rss = []
    stop = threading.Event()

    def authorized_keys():
        while not stop.is_set():
            started = time.monotonic()
            result = subprocess.run(config["authorized_keys"], capture_output=True, text=True)
            auth_in_harness.append((time.monotonic() - started) * 1000)
            if "ssh session --key" not in result.stdout:
                auth_errors.append(result.stderr.strip() or "no line printed")
            time.sleep(AUTH_PAUSE)

    auth_errors, auth_in_harness = [], []
    checker = threading.Thread(target=authorized_keys, daemon=True)
    opening_loaded = {}
    opener = threading.Thread(target=lambda: opening_loaded.update(
        first_rows(config["ssh"] + ["-i", config["keys"][0]], config["starts"], stop=stop)), daemon=True)
    time.sleep(5)
    # The same command timed by a process of its own, as sshd is: this script's threads share
    # one interpreter lock with twenty screens being parsed, and a thread woken by the child's
    # exit waits for that lock at each step of reading its output and reaping it. The timer
    # process holds its own lock and nothing else runs in it.
    timer = subprocess.Popen([sys.executable, "-c", TIMER, json.dumps(config["authorized_keys"]), str(AUTH_PAUSE)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    checker.start()
    opener.start()
    breakdown = None
    while any(r.is_alive() for r in running):
        # The timers and the opener measure under the whole load only: once a console is done,
        # they stop.
        if not all(r.is_alive() for r in running) and not stop.is_set():
            stop.set()
            timer.stdin.close()
        sample = session_rss()
        if len(sample) == len(consoles):
            breakdown = rss_breakdown() or breakdown
        if len(sample) == len(consoles):
            rss.append(sample)
        time.sleep(1)
        if len(rss) > 0 and not any(r.is_alive() for r in running):
            break
    consoles = [r.collect() for r in running]
    if not stop.is_set():
        stop.set()
        timer.stdin.close()
    checker.join()
    out = timer.stdout.read()
    timer.wait()
    timed = json.loads(out) if timer.returncode == 0 and out else {"ms": [], "errors": [f"the timer failed ({timer.returncode})"]}
    auth = timed["ms"]
    auth_errors += timed["errors"]
    opener.join()
    per_console = [
        {"keys": len(c.rows), "p50_ms": percentile(c.rows, 50), "p95_ms": percentile(c.rows, 95),
         "max_ms": max(c.rows) if c.rows else None, "settled_p95_ms": percentile(c.settled, 95),
         "bytes_p95": percentile(c.bytes, 95), "error": c.error}
        for c in consoles
    ]
    everything = [v for c in consoles for v in c.rows]
    by_kind = {}
    for c in consoles:
        for kind, value in zip(c.kinds, c.rows):
            by_kind.setdefault(kind, []).append(value)
    settled = [v for c in consoles for v in c.settled]
    steady = rss[len(rss) // 2:] if rss else []
    print(json.dumps({
        "harness": HARNESS,
        "consoles": len(consoles),
        "think_s": THINK,
        "seconds": config["duration"],
        "keystrokes": len(everything),
        "keystroke_p50_ms": percentile(everything, 50),
        "keystroke_p95_ms": percentile(everything, 95),
        "by_key_ms": {kind: {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95)}
                      for kind, values in sorted(by_kind.items())},
        "worst_console_p95_ms": max((c["p95_ms"] or 0) for c in per_console),
        "settled_p50_ms": percentile(settled, 50),
        "settled_p95_ms": percentile(settled, 95),
        "rss_mb_max": max((max(s) for s in steady), default=None),
        "rss_mb_mean": (sum(sum(s) for s in steady) / sum(len(s) for s in steady)) if steady else None,
        "rss_breakdown_mb": breakdown,
        # This script's own peak memory, with the collector off (Linux reports KB); with
        # HARNESS "processes", the main process alone.
        "harness_rss_mb_max": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # CPU the harness itself used (screens, the thread timer; not the timer process),
        # beside the server on the same cores.
        "harness_cpu_s": cpu_seconds() + (sum(c.cpu_s for c in consoles) if HARNESS == "processes" else 0),
        "authorized_keys_runs": len(auth),
        "authorized_keys_p50_ms": percentile(auth, 50),
        "authorized_keys_p95_ms": percentile(auth, 95),
        "authorized_keys_errors": auth_errors[:3],
        # The old measure, from a thread of this script (see `TIMER`), for comparison.
        "authorized_keys_in_harness_runs": len(auth_in_harness),
        "authorized_keys_in_harness_p50_ms": percentile(auth_in_harness, 50),
        "authorized_keys_in_harness_p95_ms": percentile(auth_in_harness, 95),
        "opening_idle": opening_idle,
        "opening_under_load": opening_loaded,
        "per_console": per_console,
    }, indent=2))


if __name__ == "__main__":
    main()
