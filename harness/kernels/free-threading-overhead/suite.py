"""Single-thread overhead of free-threaded CPython: eight pyperformance benchmarks, one pass each.

The benchmark programs are pyperformance's own files (bm_<name>/run_benchmark.py of the pinned
pyperformance wheel, installed with pyperf into this kernel's environment .venvs/<kernel> by
"npm run setup"). They are imported as modules, so their pyperf.Runner part (which would start
worker processes and calibrate loop counts) does not run; this program calls the function each
one hands to pyperf, with pyperformance's default arguments except three smaller sizes (below), a fixed
number of times per pass, so every interpreter does the same work. Functions pyperf times itself (bench_time_func) return their
own elapsed time, which leaves their set-up out as pyperformance does; the others are timed around
the call. One sample is one pass over the eight, in a fixed order; the per-benchmark times travel
in the result's "parts".

The same file runs on every interpreter (3.13, 3.14, 3.15, with and without the GIL). Only pure
Python is used from the kernel's environment: psutil (a pyperf dependency, compiled for the
project's Python) is blocked so that every build runs the same code.
"""

import glob
import hashlib
import importlib.util
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, lock_pins, parse_args, refuse, shown_path, time_suite  # noqa: E402

KERNEL = os.path.basename(HERE)
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
LOCK = os.path.join(HERE, "requirements.lock")
# What the programs load from the kernel's environment: pyperformance's benchmark files and pyperf,
# which they import. psutil is blocked (load_benchmarks) and packaging is imported by neither.
LOADED = ("pyperformance", "pyperf")

# Benchmark -> calls per pass at scale 1, and the sizes where ours are smaller than pyperformance's
# defaults (nbody 20,000 steps, float 100,000 points, chaos 5,000 iterations): each benchmark then
# takes about 50-100 ms per pass on a 3.13 -O3 build, so the six builds fit the time budget.
CALLS = {
    "nbody": 1,
    "richards": 1,
    "float": 1,
    "chaos": 1,
    "deltablue": 5,
    "json_dumps": 1,
    "regex_v8": 1,
    "generators": 1,
}
NBODY_STEPS = 4000
FLOAT_POINTS = 20000
CHAOS_ITERATIONS = 1000


def site_packages():
    """The kernel environment's site-packages (pyperformance and pyperf, pure Python)."""
    found = sorted(glob.glob(os.path.join(ROOT, ".venvs", KERNEL, "lib", "python3*", "site-packages")))
    return found[-1] if found else None


def installed_versions(sp, name):
    """The versions of distribution `name` installed in the site-packages folder `sp`, from the
    names of its <name>-<version>.dist-info folders (none: not installed)."""
    norm = re.sub(r"[-_.]+", "_", name).lower() + "-"
    return sorted(d[len(norm):-len(".dist-info")] for d in os.listdir(sp) if d.lower().startswith(norm) and d.endswith(".dist-info"))


def check_pins(impl, sp, lock=LOCK):
    """Refuses to run (exit 2, naming the lock, the version found, the one pinned and the command
    that installs it) when the pyperformance or pyperf that this program would load differs from the
    version requirements.lock pins, before anything of them is loaded.

    Not check_lock() as the other kernels do: the six self-built interpreters have no environment
    of their own but append the kernel environment's site-packages `sp` to sys.path, and
    the package-metadata reader check_lock uses would load a dozen more modules (email, zipfile, csv...) into the timed
    process on every build. The versions are read from the dist-info folders' names instead, and
    pyperf must be the copy in `sp`, not one the interpreter itself carries (sp is searched last)."""
    pins = lock_pins(lock)
    wrong = []
    for name in LOADED:
        found = installed_versions(sp, name)
        have = " and ".join(found) if found else "not installed"
        if found != [pins.get(name)]:
            wrong.append(f"{name} {have} (the lock pins {pins.get(name, 'nothing')})")
    spec = importlib.util.find_spec("pyperf")
    origin = os.path.dirname(os.path.dirname(spec.origin)) if spec and spec.origin else None
    if not wrong and origin != sp:
        where = f"imported from {origin}" if origin else "not importable"
        wrong.append(f"pyperf is {where}, not from {shown_path(sp)} (the lock pins {pins['pyperf']})")
    if wrong:
        refuse(impl, f"installed packages differ from {shown_path(lock)}: {'; '.join(wrong)}; run npm run setup to install the pinned versions")


def load_benchmarks(impl):
    sp = site_packages()
    if sp is None:
        print(f"{KERNEL}: .venvs/{KERNEL} not found: run \"npm run setup\" (it installs pyperformance and pyperf from this kernel's requirements.lock)", file=sys.stderr)
        sys.exit(2)
    sys.modules["psutil"] = None  # pyperf then runs without it, on every build alike
    if sp not in sys.path:
        sys.path.append(sp)  # after the standard library: nothing of it can shadow a stdlib module
    check_pins(impl, sp)
    root = os.path.join(sp, "pyperformance", "data-files", "benchmarks")
    mods = {}
    for name in CALLS:
        path = os.path.join(root, f"bm_{name}", "run_benchmark.py")
        if not os.path.isfile(path):
            print(f"{KERNEL}: {path} missing: the pinned pyperformance ships it; reinstall with \"npm run setup\"", file=sys.stderr)
            sys.exit(2)
        spec = importlib.util.spec_from_file_location(f"bm_{name}", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mods[name] = mod
    return mods


def elapsed_ns(seconds):
    return int(round(seconds * 1e9))


def timed(fn, *a):
    t0 = time.perf_counter_ns()
    fn(*a)
    return time.perf_counter_ns() - t0


def checks(m):
    """What the benchmarks compute, on fresh state, before any timing: the digest's inputs."""
    nb = m["nbody"]
    bodies = [[list(b[0]), list(b[1]), b[2]] for b in nb.SYSTEM]  # a copy: the timed runs start from the module's state
    pairs = nb.combinations(bodies)
    nb.offset_momentum(bodies[0], bodies)
    nb.advance(0.01, 1000, bodies, pairs)
    energy = nb.report_energy(bodies, pairs)
    rich = m["richards"].Richards().run(1)
    pt = m["float"].benchmark(1000)
    gen = m["generators"]
    total = sum(gen.tree(range(100000)))
    js = hashlib.sha256(json.dumps(m["json_dumps"].HUGE[0]).encode()).hexdigest()[:16]
    return [
        f"nbody energy after 1000 steps={energy!r}",
        f"richards self-check={rich}",
        f"float maximize(1000)=({pt.x!r}, {pt.y!r}, {pt.z!r})",
        f"generators sum over a 100000-node tree={total}",
        f"json_dumps sha256(HUGE)={js}",
    ]


def parts_for(m, scale):
    nb, rich, flt, ch, db, jd, rx, gen = (m[k] for k in CALLS)
    richards = rich.Richards()
    # bm_chaos builds its splines inside main(); they are rebuilt here with the same numbers.
    G, S = ch.GVector, ch.Spline
    splines = [
        S([G(1.597350, 3.304460, 0.0), G(1.575810, 4.123260, 0.0), G(1.313210, 5.288350, 0.0), G(1.618900, 5.329910, 0.0),
           G(2.889940, 5.502700, 0.0), G(2.373060, 4.381830, 0.0), G(1.662000, 4.360280, 0.0)], 3, [0, 0, 0, 1, 1, 1, 2, 2, 2]),
        S([G(2.804500, 4.017350, 0.0), G(2.550500, 3.525230, 0.0), G(1.979010, 2.620360, 0.0), G(1.979010, 2.620360, 0.0)], 3, [0, 0, 0, 1, 1, 1]),
        S([G(2.001670, 4.011320, 0.0), G(2.335040, 3.312830, 0.0), G(2.366800, 3.233460, 0.0), G(2.366800, 3.233460, 0.0)], 3, [0, 0, 0, 1, 1, 1]),
    ]
    game = ch.Chaosgame(splines, ch.DEFAULT_THICKNESS)
    chaos_args = (ch.DEFAULT_WIDTH, ch.DEFAULT_HEIGHT, CHAOS_ITERATIONS, None, ch.DEFAULT_RNG_SEED)
    json_data = [(getattr(jd, case)[0], range(getattr(jd, case)[1])) for case in jd.CASES]
    n = {k: c * scale for k, c in CALLS.items()}
    return [
        ("nbody", lambda: elapsed_ns(nb.bench_nbody(n["nbody"], nb.DEFAULT_REFERENCE, NBODY_STEPS))),
        ("richards", lambda: sum(timed(richards.run, 1) for _ in range(n["richards"]))),
        ("float", lambda: sum(timed(flt.benchmark, FLOAT_POINTS) for _ in range(n["float"]))),
        ("chaos", lambda: sum(timed(game.create_image_chaos, *chaos_args) for _ in range(n["chaos"]))),
        ("deltablue", lambda: sum(timed(db.delta_blue, 100) for _ in range(n["deltablue"]))),
        ("json_dumps", lambda: sum(timed(jd.bench_json_dumps, json_data) for _ in range(n["json_dumps"]))),
        ("regex_v8", lambda: elapsed_ns(rx.bench_regex_v8(n["regex_v8"]))),
        ("generators", lambda: elapsed_ns(gen.bench_generators(n["generators"]))),
    ]


def impl_id(role):
    """The implementation id from the interpreter running it: python<major><minor>-gil or -nogil
    (the role "gil-aa" is the A/A twin of a GIL build), "reference" for the project's Python."""
    if role == "reference":
        return "reference"
    v = sys.version_info
    return f"python{v.major}{v.minor}-{role}"


def main(role):
    """role: "gil" (must run with the GIL), "nogil" (must run without it), "gil-aa" (the GIL build
    again, for the A/A noise floor) or "reference" (the project's Python, defines the digest)."""
    args = parse_args(impl_id(role), [Int("scale", 1, 1000)])
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    want = {"gil": True, "gil-aa": True, "nogil": False}.get(role)
    if want is not None and gil != want:
        print(f"{args.impl}: this interpreter runs {'with' if gil else 'without'} the GIL, expected {'with' if want else 'without'} (PYTHON_GIL set, or an extension re-enabled it?)", file=sys.stderr)
        sys.exit(3)
    m = load_benchmarks(args.impl)
    digest = hashlib.sha256("\n".join(checks(m)).encode()).hexdigest()[:16]
    samples, parts = time_suite(args, parts_for(m, args.params["scale"]))
    emit(args, checksum=digest, samples_ns=samples, threads=1, parts=parts)
