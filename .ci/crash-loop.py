#!/usr/bin/env python3
"""Crash loop: random edits, imports and analyses through the CLI and the
browser, each process killed with SIGKILL at a random moment or left to
finish; after every cycle the store must load and hold every edit a
command acknowledged (exit 0, or the browser showing it saved).

Usage: crash-loop.py DOCKET DOCKET_DEV WORKDIR CYCLES SEED
Prints one summary line; exits 1 when an acknowledged edit was lost or the
store failed to load.
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

DOCKET, DEV, WORK, CYCLES, SEED = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(SEED)
STORE = os.path.join(WORK, "store")
THEMES = ["sync", "login", "crash", "export", "billing"]
TMUX = shutil.which("tmux") is not None and os.environ.get("CRASH_LOOP_BROWSER", "1") != "0"
ENV = dict(os.environ, DOCKET_LOCK_TIMEOUT="30")


def run(args, timeout=60):
    return subprocess.run([DOCKET] + args, capture_output=True, text=True, timeout=timeout, env=ENV)


def run_killed(args):
    """Starts docket with args, kills it after a random delay (or lets it
    finish); returns True when it finished with exit 0 before the kill."""
    p = subprocess.Popen([DOCKET] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    delay = rng.choice([0, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08, None, None])
    if delay is None:
        _, err = p.communicate(timeout=120)
        if p.returncode != 0:
            fail("command failed without a kill: %s: %s" % (" ".join(args), err.decode()[:300]))
        return True
    time.sleep(delay)
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
    p.wait()
    p.stderr.close()
    return p.returncode == 0


# Expected state: (ticket, theme) -> "present" / "absent" / "unknown";
# theme -> set of descriptions it may have; ticket -> set of triage states.
pairs = {}
descriptions = {}
triage = {}
tickets_min = 0
stats = {"cycles": 0, "acknowledged": 0, "killed": 0, "lost": 0, "browser": 0, "marked": 0, "imports": 0, "analyses": 0}
problems = []


def fail(message):
    problems.append(message)
    print("crash-loop: " + message, file=sys.stderr)


def setup():
    if os.path.exists(WORK):
        shutil.rmtree(WORK)
    os.makedirs(WORK)
    global tickets_min
    subprocess.run([DEV, "generate", "--tickets", "60", "--seed", str(SEED), "--output", WORK + "/base.json"], check=True)
    for k in range(3):
        subprocess.run([DEV, "generate", "--tickets", "40", "--seed", str(SEED + 1 + k), "--output", WORK + "/more%d.json" % k],
                       check=True)
        # Numbers above the base's, so an import adds tickets.
        items = json.load(open(WORK + "/more%d.json" % k))
        for i in items:
            if "number" in i:
                i["number"] += 1000 * (k + 1)
                if "html_url" in i:
                    i["html_url"] = i["html_url"].rsplit("/", 1)[0] + "/" + str(i["number"])
            if "issue_url" in i:
                i["issue_url"] = i["issue_url"].rsplit("/", 1)[0] + "/" + str(int(i["issue_url"].rsplit("/", 1)[1]) + 1000 * (k + 1))
        json.dump(items, open(WORK + "/more%d.json" % k, "w"))
    r = run(["import", "--store", STORE, WORK + "/base.json"])
    if r.returncode != 0:
        sys.exit("crash-loop: setup import failed: " + r.stderr)
    for t in THEMES:
        run(["themes", "add", t, "--store", STORE])
        descriptions[t] = {""}
    tickets_min = len(load_tickets())


def load_tickets():
    r = run(["tickets", "--store", STORE, "--json", "--period", "all"])
    if r.returncode != 0:
        fail("the store does not load: " + r.stderr.strip()[:300])
        return None
    return json.loads(r.stdout)


def verify():
    ts = load_tickets()
    if ts is None:
        return
    if len(ts) < tickets_min:
        fail("tickets: %d, fewer than the %d an acknowledged import left" % (len(ts), tickets_min))
    by = {t["number"]: t for t in ts}
    for (n, theme), state in pairs.items():
        has = theme in by.get(n, {}).get("themes", [])
        if (state == "present" and not has) or (state == "absent" and has):
            stats["lost"] += 1
            fail("#%d should %s %s" % (n, "carry" if state == "present" else "not carry", theme))
            pairs[(n, theme)] = "unknown"
    for n, allowed in triage.items():
        got = by.get(n, {}).get("triage")
        if got not in allowed:
            stats["lost"] += 1
            fail("#%d triage %s, expected one of %s" % (n, got, sorted(allowed)))
            triage[n] = {got}
    r = run(["themes", "list", "--store", STORE, "--json"])
    if r.returncode != 0:
        fail("themes do not load: " + r.stderr.strip()[:300])
        return
    got = {t["name"]: t.get("description", "") for t in json.loads(r.stdout)}
    for theme, allowed in descriptions.items():
        if got.get(theme) not in allowed:
            stats["lost"] += 1
            fail("theme %s has description %r, expected one of %r" % (theme, got.get(theme), sorted(allowed)))
            descriptions[theme] = {got.get(theme)}


def cli_cycle(numbers):
    global tickets_min
    op = rng.random()
    if op < 0.4:
        n, theme = rng.choice(numbers), rng.choice(THEMES)
        ok = run_killed(["tag", str(n), theme, "--store", STORE])
        pairs[(n, theme)] = "present" if ok else "unknown"
    elif op < 0.6:
        n, theme = rng.choice(numbers), rng.choice(THEMES)
        ok = run_killed(["untag", str(n), theme, "--store", STORE])
        pairs[(n, theme)] = "absent" if ok else "unknown"
    elif op < 0.8:
        theme = rng.choice(THEMES)
        text = "described in cycle %d" % stats["cycles"]
        ok = run_killed(["themes", "edit", theme, "--description", text, "--store", STORE])
        descriptions[theme] = {text} if ok else descriptions[theme] | {text}
    elif op < 0.9:
        stats["imports"] += 1
        f = WORK + "/more%d.json" % rng.randrange(3)
        ok = run_killed(["import", "--store", STORE, f])
        if ok:
            tickets_min = max(tickets_min, len(load_tickets() or []))
    else:
        stats["analyses"] += 1
        ok = run_killed(["analyze", "--store", STORE] + (["--full"] if rng.random() < 0.5 else []))
    stats["acknowledged" if ok else "killed"] += 1


def tmux(*args):
    return subprocess.run(["tmux"] + list(args), capture_output=True, text=True)


def browser_cycle():
    """Opens the browser in tmux, marks the next untriaged ticket done
    (`2`, `n`, `d`), waits until the status bar says it was marked (the edit is
    durable before it is shown), then kills the browser with SIGKILL."""
    stats["browser"] += 1
    session = "crashloop%d" % os.getpid()
    tmux("kill-session", "-t", session)
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "env", "DOCKET_LOCK_TIMEOUT=30", DOCKET, "--store", STORE)

    def screen():
        return tmux("capture-pane", "-p", "-t", session).stdout

    def wait(pred, limit=20):
        end = time.time() + limit
        while time.time() < end:
            s = screen()
            if pred(s):
                return s
            time.sleep(0.05)
        return None

    try:
        if wait(lambda s: "Tickets" in s and "Triage" in s) is None:
            fail("the browser did not draw its first frame")
            return
        tmux("send-keys", "-t", session, "2")
        if wait(lambda s: " untriaged · " in s) is None:
            fail("the browser did not show the triage inbox")
            return
        # n: the next untriaged ticket, d: mark it done.
        tmux("send-keys", "-t", session, "n", "d")
        s = wait(lambda s: "Marked #" in s or "is already done" in s, limit=10)
        if s is not None and "Marked #" not in s:
            s = None
        if s is None:
            if os.environ.get("CRASH_LOOP_DEBUG"):
                print(screen(), file=sys.stderr)
            return  # nothing left to mark, or not shown: nothing acknowledged
        line = next(l for l in s.splitlines() if "Marked #" in l)
        n = int(line.split("Marked #", 1)[1].split()[0])
        triage[n] = {"done"}
        stats["acknowledged"] += 1
        stats["marked"] += 1
    finally:
        pid = tmux("display-message", "-p", "-t", session, "#{pane_pid}").stdout.strip()
        if pid.isdigit():
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
        tmux("kill-session", "-t", session)


def main():
    setup()
    numbers = [t["number"] for t in load_tickets()]
    started = time.time()
    for c in range(CYCLES):
        stats["cycles"] = c + 1
        if TMUX and rng.random() < 0.08:
            browser_cycle()
        else:
            cli_cycle(numbers)
        verify()
    elapsed = time.time() - started
    print("crash-loop: cycles %(cycles)d, acknowledged %(acknowledged)d, killed %(killed)d, "
          "browser %(browser)d (%(marked)d marks shown), imports %(imports)d, analyses %(analyses)d, lost %(lost)d" % stats
          + ", %.0f s" % elapsed)
    if problems:
        sys.exit(1)


main()
