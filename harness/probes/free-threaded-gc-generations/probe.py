"""The cycle collector's generations and pauses, in the free-threaded interpreter running this file
and in its GIL twin (the path given as the one argument), built from the same source.

Generations: 1,000 new lists are created with automatic collection off, then gc.collect(0) and
gc.collect(1) run; after each, gc.get_objects(generation) says in which generation the lists are.
A generational collector moves survivors from generation 0 to 1 to 2. Also printed:
gc.get_threshold() and gc.get_count().
Pauses: a second thread loops, noting the longest time between two of its iterations, while the
main thread runs gc.collect() over 1.5 million live lists, then, as a control, a pure-Python loop.
If the other thread's longest stop covers at least half the collection while it kept running during
the control loop, the collector stopped it (median of 3 trials). In the GIL build the collection
holds the GIL throughout, so the other thread waits there as well; the question is about the
free-threaded build, where threads otherwise run in parallel.

Run by the harness as: python3.Nt probe.py <path of the GIL twin python3.N>.
"""
import json
import subprocess
import sys

MEASURE = """
import gc, json, sys, sysconfig, threading, time
out = {"free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")), "version": sys.version.split()[0],
       "threshold": list(gc.get_threshold())}
gc.disable()
gc.collect()
lists = [[] for _ in range(1000)]
ids = {id(x) for x in lists}
def where():
    return [sum(1 for o in gc.get_objects(g) if id(o) in ids) for g in range(3)]
steps = {"new": where()}
out["count_new"] = list(gc.get_count())
gc.collect(0); steps["after collect(0)"] = where()
gc.collect(1); steps["after collect(1)"] = where()
out["generations"] = steps
out["count_after"] = list(gc.get_count())
gc.enable()

heap = [[i] for i in range(1_500_000)]
state = {"stop": False, "max_gap": 0.0}
def spin():
    last = time.perf_counter()
    while not state["stop"]:
        now = time.perf_counter()
        if now - last > state["max_gap"]:
            state["max_gap"] = now - last
        last = now
def longest_stop(work):
    # The other thread notes a stop only when it runs again: give it time to note any earlier one
    # before the reset, and this one before reading (read at once, a stop that ended with the
    # work was not noted yet and counted in the next measurement instead).
    time.sleep(0.05)
    state["max_gap"] = 0.0
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    time.sleep(0.05)
    return state["max_gap"] / seconds, seconds
def busy():
    n = 0
    for i in range(3_000_000):
        n += i
t = threading.Thread(target=spin)
t.start()
time.sleep(0.2)
trials = []
for _ in range(3):
    collect_share, collect_s = longest_stop(gc.collect)
    control_share, _ = longest_stop(busy)
    trials.append((collect_share, control_share, collect_s))
    time.sleep(0.05)
state["stop"] = True
t.join()
trials.sort()
collect_share, control_share, collect_s = trials[1]
out["pause"] = {"collect_ms": round(collect_s * 1000, 1), "longest_stop_share_collect": round(collect_share, 3), "longest_stop_share_control": round(control_share, 3)}
print(json.dumps(out))
"""

# The other thread's longest stop, as a share of the work's duration, from which it counts as
# stopped (not 1: it runs until the collector's stop request reaches it).
STOPPED_FROM = 0.5


def measure(python: str) -> dict:
    return json.loads(subprocess.run([python, "-c", MEASURE], capture_output=True, text=True, check=True).stdout)


def generational(m: dict) -> bool:
    g = m["generations"]
    return g["new"] == [1000, 0, 0] and g["after collect(0)"] == [0, 1000, 0] and g["after collect(1)"] == [0, 0, 1000]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python3.Nt probe.py <GIL twin python3.N>")
    ft, gil = measure(sys.executable), measure(sys.argv[1])
    if not ft["free_threaded"] or gil["free_threaded"] or ft["version"] != gil["version"]:
        sys.exit(f"expected a free-threaded interpreter and its GIL twin of the same version, got {ft['version']} and {gil['version']}")
    for label, m in (("GIL build", gil), ("free-threaded", ft)):
        print(f"python {m['version']} ({label}): get_threshold() {tuple(m['threshold'])}, get_count() {tuple(m['count_new'])} -> {tuple(m['count_after'])}")
        for step, counts in m["generations"].items():
            print(f"  {step}: survivors in generations 0/1/2: {counts[0]}/{counts[1]}/{counts[2]}")
        p = m["pause"]
        print(f"  gc.collect() {p['collect_ms']} ms: the other thread's longest stop {p['longest_stop_share_collect']:.0%} of it (during a pure-Python loop: {p['longest_stop_share_control']:.0%})")
    ft_generational = generational(ft)
    ft_paused = ft["pause"]["longest_stop_share_collect"] >= STOPPED_FROM and ft["pause"]["longest_stop_share_control"] < STOPPED_FROM
    print(f"generational-gil-build: {str(generational(gil)).lower()}")
    print(f"generational-free-threaded: {str(ft_generational).lower()}")
    print(f"other-threads-stopped-free-threaded: {str(ft_paused).lower()}")
    print(f"non-generational-and-stop-the-world: {str(not ft_generational and ft_paused).lower()}")


main()
