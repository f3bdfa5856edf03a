"""How the external programs VSTB starts (LibreOffice) are run by the process starting them."""

import os
import shutil

# Set by `vstb worker` for the programs it starts: they take the processor only when nothing
# else on the host wants it.
WHEN_IDLE = "VSTB_PROGRAMS_WHEN_IDLE"
# util-linux's chrt, found once (Debian has it in every installation).
CHRT = shutil.which("chrt")


def when_idle(command: list[str]) -> list[str]:
    """`command` under Linux's SCHED_IDLE policy (`chrt --idle 0`, util-linux) when run by a
    background worker (WHEN_IDLE is "1"), unchanged otherwise or where chrt is missing.

    A worker's own priority (`VSTB_WORKER_NICE`, 10) still leaves LibreOffice about a tenth of
    a busy core on a host that also serves pages: 20 people opening a new plan's PDF slowed the
    other pages' p95 by 17-22 % at 100 people at work. Under SCHED_IDLE the conversion runs on
    the time no page request wants. The worker itself (its heartbeat, its jobs' bookkeeping)
    keeps its nice level: idle, it could go silent under a long burst and be taken for dead.
    chrt executes the program in its own process, so the process group and timeout that stop a
    hung conversion are unchanged."""
    if os.environ.get(WHEN_IDLE) != "1" or CHRT is None:
        return command
    return [CHRT, "--idle", "0", *command]
