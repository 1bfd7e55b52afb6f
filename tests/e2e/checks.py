"""One way for the e2e tests' Python checks to report: need(COND, WHAT)
prints "ok   - WHAT" or "FAIL - WHAT"; done() exits 1 when any failed."""
import sys

_failed = 0


def need(cond, what):
    global _failed
    _failed += not cond
    print(("ok   - " if cond else "FAIL - ") + what)


def done():
    sys.exit(1 if _failed else 0)
