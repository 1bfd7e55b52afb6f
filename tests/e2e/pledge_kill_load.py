#!/usr/bin/env python3
"""pledge_kill_load.py — the load and the kills of serve_pledge_kill.sh (a
helper, not a test itself).

  pledge_kill_load.py SIGHTLINE STORE ROUNDS CLIENTS SEED OUTDIR

Each round starts `sightline serve` on STORE (port 0, read back from its
first line), takes a CSRF token from /campaign, lets CLIENTS threads post
pledges of new addresses over keep-alive connections, and after a random
0.04-0.25 s kills the server with SIGKILL. Every request lands in one file
of OUTDIR, one address a line:

  acked.txt     answered 200 (the server says the pledge is on disk)
  refused.txt   answered, not 200 (every 5th pledge is refused on purpose:
                its name is over the limit, so ingest rejects it inside the
                writer's batch, beside pledges that commit)
  inflight.txt  no answer: the kill cut the connection with the request
                sent or being sent (at most one per client per round)

One process for all rounds, and keep-alive connections, so a round costs
the server's start (~40 ms) and its burst, not a process per request.
"""
import http.client
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse


def start(sl, store):
    """The server and its port; fails loudly when it exits without saying where it listens."""
    p = subprocess.Popen([sl, "serve", "-s", store, "--port", "0", "--quiet", "--rate-forms", "0",
                          "--rate-email", "0"], stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    m = re.search(r"http://[^ ]*:(\d+)/", line)
    if not m:
        p.kill()
        sys.exit("serve did not start: " + line + (p.stderr.read() or ""))
    return p, int(m.group(1))


def token(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/campaign")
    page = c.getresponse().read().decode()
    c.close()
    m = re.search(r'name="csrf" value="([^"]*)"', page)
    if not m:
        sys.exit("no CSRF token on /campaign")
    return m.group(1)


def client(port, csrf, rnd, cid, out):
    origin = "http://127.0.0.1:%d" % port
    head = {"Origin": origin, "Content-Type": "application/x-www-form-urlencoded"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    n = 0
    while True:
        n += 1
        email = "k%d-%d-%d@example.org" % (rnd, cid, n)
        fields = {"email": email, "state": "NY", "county": "36061", "csrf": csrf}
        bad = n % 5 == 0
        if bad:
            fields["name"] = "x" * 101  # over SL_PLEDGE_NAME_MAX: refused by ingest, in the batch
        try:
            conn.request("POST", "/campaign/pledge", urllib.parse.urlencode(fields), head)
            r = conn.getresponse()
            r.read()
        except (OSError, http.client.HTTPException):
            out["inflight"].append(email)
            return
        if r.status == 200 and not bad:
            out["acked"].append(email)
        elif r.status == 200:  # a refusal acknowledged: the test's own failure, reported by the caller
            out["acked_bad"].append(email)
        else:
            out["refused"].append(email)


def main():
    sl, store, rounds, clients, seed, outdir = sys.argv[1:7]
    rounds, clients = int(rounds), int(clients)
    rng = random.Random(int(seed))
    out = {"acked": [], "refused": [], "inflight": [], "acked_bad": []}
    t0 = time.monotonic()
    for rnd in range(1, rounds + 1):
        p, port = start(sl, store)
        csrf = token(port)
        threads = [threading.Thread(target=client, args=(port, csrf, rnd, c, out)) for c in range(clients)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.04, 0.25))
        p.send_signal(signal.SIGKILL)
        p.wait()
        p.stderr.close()
        for t in threads:
            t.join()
    for name, emails in out.items():
        with open("%s/%s.txt" % (outdir, name), "w") as f:
            f.writelines(e + "\n" for e in emails)
    print("%d rounds in %.1f s: %d acknowledged, %d refused, %d cut by the kill" %
          (rounds, time.monotonic() - t0, len(out["acked"]), len(out["refused"]), len(out["inflight"])))


if __name__ == "__main__":
    main()
