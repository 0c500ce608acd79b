"""Single-thread overhead of free-threaded CPython: 26 pyperformance benchmarks, one pass each.

The benchmark programs are pyperformance's own files (bm_<name>/run_benchmark.py of the pinned
pyperformance wheel, installed with pyperf into this kernel's environment .venvs/<kernel> by
"npm run setup"). They are imported as modules, so their pyperf.Runner part (which would start
worker processes and calibrate loop counts) does not run; this program calls the function each
one hands to pyperf, with pyperformance's default arguments except the smaller sizes listed below, a
fixed number of times per pass, so every interpreter does the same work. Functions pyperf times
itself (bench_time_func) return their own elapsed time, which leaves their set-up out as
pyperformance does; the others are timed around the call. One sample is one pass over all of them,
in a fixed order; the per-benchmark times travel in the result's "parts".

The same file runs on every interpreter (3.13, 3.14, 3.15, with and without the GIL). Only pure
Python is used from the kernel's environment: psutil (a pyperf dependency, compiled for the
project's Python) is blocked so that every build runs the same code. The benchmarks use the
standard library only (no third-party package, network or subprocess)."""

import glob
import hashlib
import importlib.util
import json
import os
import re
import sys
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, lock_pins, parse_args, refuse, shown_path, time_suite  # noqa: E402

KERNEL = os.path.basename(HERE)
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
LOCK = os.path.join(HERE, "requirements.lock")
# What the programs load from the kernel's environment: pyperformance's benchmark files and pyperf,
# which they import. psutil is blocked (load_benchmarks) and packaging is imported by neither.
LOADED = ("pyperformance", "pyperf")

# Benchmark -> calls per pass at scale 1, in the fixed order of a pass. A call is one call of the
# function the benchmark hands to pyperf; where that function takes pyperf's loop count, the count
# here is the loops it is given (each loop may repeat its operation, as logging's ten messages per
# loop do). The first eight are the kernel's first version, unchanged; each of the others takes
# about 50-150 ms per pass on a 3.13 -O3 build, so the six builds fit the time budget.
CALLS = {
    "nbody": 1,
    "richards": 1,
    "float": 1,
    "chaos": 1,
    "deltablue": 5,
    "json_dumps": 1,
    "regex_v8": 1,
    "generators": 1,
    "go": 1,
    "hexiom": 20,
    "nqueens": 1,
    "fannkuch": 3,
    "raytrace": 1,
    "spectral_norm": 1,
    "logging": 800,
    "pickle_pure_python": 20,
    "json_loads": 250,
    "scimark": 1,
    "coroutines": 5,
    "deepcopy": 300,
    "meteor_contest": 1,
    "pidigits": 1,
    "comprehensions": 8000,
    "pprint": 1,
    "regex_dna": 1,
    "async_tree": 2,
}
# Sizes smaller than pyperformance's defaults (in brackets), where one call at the default takes
# longer than a pass should.
NBODY_STEPS = 4000  # (20,000)
FLOAT_POINTS = 20000  # (100,000)
CHAOS_ITERATIONS = 1000  # (5,000)
FANNKUCH_N = 8  # (9)
RAYTRACE_SIZE = 64  # width and height in pixels (100 x 100)
PPRINT_ITEMS = 10000  # items of the list pformat formats (100,000)
ASYNC_TREE_LEVELS = 5  # levels of gathered coroutines, 6 branches each (6)
# scimark's five kernels, each called once per call of the part: (kernel, loops, size arguments).
SCIMARK = (
    ("sor", 1, (100, 2)),  # 100 x 100 grid, 2 relaxation cycles (10)
    ("sparse_mat_mult", 3, (1000, 50000)),  # pyperformance's size; 3 multiplications
    ("monte_carlo", 1, (20000,)),  # samples (100,000)
    ("lu", 1, (60,)),  # matrix order (100)
    ("fft", 1, (1024, 10)),  # 1,024 points, 10 transform and inverse cycles (50)
)
# The folder bm_<module> of a benchmark whose run_benchmark.py is not bm_<name>'s.
MODULE = {"pickle_pure_python": "pickle"}


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
        module = f"bm_{MODULE.get(name, name)}"
        if module in mods:
            continue
        path = os.path.join(root, module, "run_benchmark.py")
        if not os.path.isfile(path):
            print(f"{KERNEL}: {path} missing: the pinned pyperformance ships it; reinstall with \"npm run setup\"", file=sys.stderr)
            sys.exit(2)
        spec = importlib.util.spec_from_file_location(module, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mods[module] = mod
    return {name: mods[f"bm_{MODULE.get(name, name)}"] for name in CALLS}


def elapsed_ns(seconds):
    return int(round(seconds * 1e9))


def timed(fn, *a):
    t0 = time.perf_counter_ns()
    fn(*a)
    return time.perf_counter_ns() - t0


def checks(m):
    """What the benchmarks compute, on fresh state and small sizes, before any timing: the digest's
    inputs. Every line must come out the same on every interpreter."""
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
    ] + wider_checks(m)


def sha16(text):
    """The first 16 hex digits of the SHA-256 of a text (UTF-8) or of bytes."""
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()[:16]


def wider_checks(m):
    """The digest's inputs from the benchmarks added after the first eight."""
    import copy
    import io
    hx = m["hexiom"]
    board = io.StringIO()
    hx.solve_file(hx.LEVELS[2][0].strip(), hx.Done.FIRST_STRATEGY, hx.DESCENDING, board)
    rt = m["raytrace"]
    canvas = rt.Canvas(16, 16)
    scene = rt.Scene()
    scene.addLight(rt.Point(30, 30, 10))
    scene.lookAt(rt.Point(0, 3, 0))
    scene.addObject(rt.Sphere(rt.Point(1, 3, -10), 2), rt.SimpleSurface(baseColour=(1, 1, 0)))
    scene.addObject(rt.Halfspace(rt.Point(0, 0, 0), rt.Vector.UP), rt.CheckerboardSurface())
    scene.render(canvas)
    logger, stream = benchmark_logger()
    lg = m["logging"]
    lg.bench_formatted_output(1, logger, stream)
    logged = stream.getvalue()
    pickle_module, options = pure_pickle()
    pk = m["pickle_pure_python"]
    pickled = pickle_module.dumps(pk.DICT_GROUP, options.protocol)
    jl = m["json_loads"]
    coro = m["coroutines"].fibonacci(15)
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        fib = stop.value
    dc = m["deepcopy"]
    deep = copy.deepcopy({"a": dc.A("hello", [1, 2, 3], True), "b": [(1, 2), {"c": None}]})
    cp = m["comprehensions"]
    tray = cp.WidgetTray(1, cp.make_some_widgets())
    mc = m["meteor_contest"]
    board_cells, cti, pieces = mc.get_puzzle(mc.WIDTH, mc.HEIGHT)
    meteor = []
    mc.solve(2, 0, frozenset(range(len(board_cells))), [-1] * len(board_cells), list(range(len(pieces))), meteor,
             mc.get_footprints(board_cells, cti, pieces), mc.get_senh(board_cells, cti))
    dna = m["regex_dna"]
    return [
        f"hexiom level 2 solution sha256={sha16(board.getvalue())}",
        f"nqueens solutions for 6 queens={list(m['nqueens'].n_queens(6))}",
        f"fannkuch(7) maximum flips={m['fannkuch'].fannkuch(7)}",
        f"raytrace 16x16 one-light scene sha256={sha16(canvas.bytes.tobytes())}",
        f"spectral_norm A'A times (1,...,1) for n=8={m['spectral_norm'].eval_AtA_times_u([1] * 8)!r}",
        f"logging 10 formatted messages sha256={sha16(logged)}",
        f"pickle_pure_python round trip={pickle_module.loads(pickled) == pk.DICT_GROUP}, sha256={sha16(pickled)}",
        f"json_loads of its record group sha256={sha16(repr(json.loads(json.dumps(jl.DICT_GROUP))))}",
        f"scimark MonteCarlo(10000)={m['scimark'].MonteCarlo(10000)!r}",
        f"coroutines fibonacci(15)={fib}",
        f"deepcopy of a dataclass in a dict={deep!r}",
        f"meteor_contest first two solutions={meteor}",
        f"pidigits first 60 digits={''.join(map(str, m['pidigits'].calc_ndigits(60)))}",
        f"comprehensions sorted widget ids={[w.widget_id for w in tray.sorted_widgets]}",
        f"pprint of 20 items sha256={sha16(m['pprint'].p.pformat(m['pprint'].printable[:20]))}",
        f"regex_dna on a sequence of fasta length 1000={dna.run_benchmarks(dna.init_benchmarks(1000, dna.DEFAULT_RNG_SEED))}",
    ]


def pure_pickle():
    """The standard library's pure-Python pickler (what pyperformance's --pure-python option times),
    which pickle keeps beside the C one as _dumps and _loads; protocol: the highest, as there."""
    import pickle
    return types.SimpleNamespace(dumps=pickle._dumps, loads=pickle._loads), types.SimpleNamespace(protocol=pickle.HIGHEST_PROTOCOL)


def benchmark_logger():
    """The logger bm_logging's main sets up: a StreamHandler on a StringIO, level WARNING, not
    propagated to the root logger."""
    import io
    import logging
    stream = io.StringIO()
    logger = logging.getLogger("benchlogger")
    logger.propagate = False
    logger.handlers[:] = [logging.StreamHandler(stream=stream)]
    logger.setLevel(logging.WARNING)
    return logger, stream


def run_async(coroutine_fn, *a):
    """Seconds one await of coroutine_fn(*a) takes on a new event loop, timed inside the loop as
    pyperf's bench_async_func does (creating and closing the loop is left out)."""
    import asyncio

    async def timed_await():
        t0 = time.perf_counter()
        await coroutine_fn(*a)
        return time.perf_counter() - t0

    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(timed_await())
    finally:
        loop.close()


def chaos_game(ch):
    """bm_chaos builds its splines inside main(); they are rebuilt here with the same numbers."""
    G, S = ch.GVector, ch.Spline
    splines = [
        S([G(1.597350, 3.304460, 0.0), G(1.575810, 4.123260, 0.0), G(1.313210, 5.288350, 0.0), G(1.618900, 5.329910, 0.0),
           G(2.889940, 5.502700, 0.0), G(2.373060, 4.381830, 0.0), G(1.662000, 4.360280, 0.0)], 3, [0, 0, 0, 1, 1, 1, 2, 2, 2]),
        S([G(2.804500, 4.017350, 0.0), G(2.550500, 3.525230, 0.0), G(1.979010, 2.620360, 0.0), G(1.979010, 2.620360, 0.0)], 3, [0, 0, 0, 1, 1, 1]),
        S([G(2.001670, 4.011320, 0.0), G(2.335040, 3.312830, 0.0), G(2.366800, 3.233460, 0.0), G(2.366800, 3.233460, 0.0)], 3, [0, 0, 0, 1, 1, 1]),
    ]
    return ch.Chaosgame(splines, ch.DEFAULT_THICKNESS)


def parts_for(m, scale):
    n = {k: c * scale for k, c in CALLS.items()}
    richards = m["richards"].Richards()
    game = chaos_game(m["chaos"])
    ch = m["chaos"]
    chaos_args = (ch.DEFAULT_WIDTH, ch.DEFAULT_HEIGHT, CHAOS_ITERATIONS, None, ch.DEFAULT_RNG_SEED)
    jd = m["json_dumps"]
    json_data = [(getattr(jd, case)[0], range(getattr(jd, case)[1])) for case in jd.CASES]
    rt = m["raytrace"]
    sm = m["scimark"]
    scimark_calls = [(sm.BENCHMARKS[kernel][0], loops, args + ((sm.Array2D,) if kernel == "sor" else ())) for kernel, loops, args in SCIMARK]
    logger, log_stream = benchmark_logger()
    lg = m["logging"]
    pickle_module, pickle_options = pure_pickle()
    jl = m["json_loads"]
    json_texts = (json.dumps(jl.DICT), json.dumps(jl.TUPLE), json.dumps(jl.DICT_GROUP))
    dc = m["deepcopy"]
    mc = m["meteor_contest"]
    board, cti, pieces = mc.get_puzzle(mc.WIDTH, mc.HEIGHT)
    meteor_args = (board, pieces, mc.SOLVE_ARG, mc.get_footprints(board, cti, pieces), mc.get_senh(board, cti))
    pp = m["pprint"]
    pprint_items = pp.printable[:PPRINT_ITEMS]
    dna = m["regex_dna"]
    dna_seq = dna.init_benchmarks(dna.DEFAULT_INIT_LEN, dna.DEFAULT_RNG_SEED)
    # pyperformance checks regex_dna's result at the default length; these are its numbers
    dna_expected = ([6, 26, 86, 58, 113, 31, 31, 32, 43], 1016745, 1000000, 1336326)
    tree = m["async_tree"].NoneAsyncTree()
    return [
        ("nbody", lambda: elapsed_ns(m["nbody"].bench_nbody(n["nbody"], m["nbody"].DEFAULT_REFERENCE, NBODY_STEPS))),
        ("richards", lambda: sum(timed(richards.run, 1) for _ in range(n["richards"]))),
        ("float", lambda: sum(timed(m["float"].benchmark, FLOAT_POINTS) for _ in range(n["float"]))),
        ("chaos", lambda: sum(timed(game.create_image_chaos, *chaos_args) for _ in range(n["chaos"]))),
        ("deltablue", lambda: sum(timed(m["deltablue"].delta_blue, 100) for _ in range(n["deltablue"]))),
        ("json_dumps", lambda: sum(timed(jd.bench_json_dumps, json_data) for _ in range(n["json_dumps"]))),
        ("regex_v8", lambda: elapsed_ns(m["regex_v8"].bench_regex_v8(n["regex_v8"]))),
        ("generators", lambda: elapsed_ns(m["generators"].bench_generators(n["generators"]))),
        ("go", lambda: sum(timed(m["go"].versus_cpu) for _ in range(n["go"]))),
        ("hexiom", lambda: elapsed_ns(m["hexiom"].main(n["hexiom"], m["hexiom"].DEFAULT_LEVEL))),
        ("nqueens", lambda: sum(timed(m["nqueens"].bench_n_queens, 8) for _ in range(n["nqueens"]))),
        ("fannkuch", lambda: sum(timed(m["fannkuch"].fannkuch, FANNKUCH_N) for _ in range(n["fannkuch"]))),
        ("raytrace", lambda: elapsed_ns(rt.bench_raytrace(n["raytrace"], RAYTRACE_SIZE, RAYTRACE_SIZE, None))),
        ("spectral_norm", lambda: elapsed_ns(m["spectral_norm"].bench_spectral_norm(n["spectral_norm"]))),
        ("logging", lambda: elapsed_ns(sum(f(n["logging"], logger, log_stream) for f in (lg.bench_silent, lg.bench_simple_output, lg.bench_formatted_output)))),
        ("pickle_pure_python", lambda: elapsed_ns(m["pickle_pure_python"].bench_pickle(n["pickle_pure_python"], pickle_module, pickle_options))),
        ("json_loads", lambda: sum(timed(jl.bench_json_loads, json_texts) for _ in range(n["json_loads"]))),
        ("scimark", lambda: elapsed_ns(sum(f(loops * n["scimark"], *a) for f, loops, a in scimark_calls))),
        ("coroutines", lambda: elapsed_ns(m["coroutines"].bench_coroutines(n["coroutines"]))),
        ("deepcopy", lambda: elapsed_ns(dc.benchmark(n["deepcopy"]) + dc.benchmark_reduce(n["deepcopy"]) + dc.benchmark_memo(n["deepcopy"]))),
        ("meteor_contest", lambda: elapsed_ns(mc.bench_meteor_contest(n["meteor_contest"], *meteor_args))),
        ("pidigits", lambda: sum(timed(m["pidigits"].calc_ndigits, m["pidigits"].DEFAULT_DIGITS) for _ in range(n["pidigits"]))),
        ("comprehensions", lambda: elapsed_ns(m["comprehensions"].bench_comprehensions(n["comprehensions"]))),
        ("pprint", lambda: sum(timed(pp.p.pformat, pprint_items) for _ in range(n["pprint"]))),
        ("regex_dna", lambda: elapsed_ns(dna.bench_regex_dna(n["regex_dna"], dna_seq, dna_expected))),
        ("async_tree", lambda: elapsed_ns(sum(run_async(tree.recurse_with_gather, ASYNC_TREE_LEVELS) for _ in range(n["async_tree"])))),
    ]


def impl_id(role):
    """The implementation id from the interpreter running it: python<major><minor>-gil or -nogil
    (the role "gil-aa" is the A/A twin of a GIL build), "reference" for the project's Python."""
    if role == "reference":
        return "reference"
    v = sys.version_info
    return f"python{v.major}{v.minor}-{role}"


def check_gil(impl, role, when):
    """Exits 3 when the interpreter's GIL state is not the one `role` expects ("gil", "gil-aa": on;
    "nogil": off; "reference": either). Checked at start and again after the benchmarks ran, since
    importing an extension module that is not marked free-threading-safe turns the GIL back on."""
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    want = {"gil": True, "gil-aa": True, "nogil": False}.get(role)
    if want is not None and gil != want:
        print(f"{impl}: this interpreter runs {'with' if gil else 'without'} the GIL {when}, expected {'with' if want else 'without'} (PYTHON_GIL set, or an extension re-enabled it?)", file=sys.stderr)
        sys.exit(3)


def main(role):
    """role: "gil" (must run with the GIL), "nogil" (must run without it), "gil-aa" (the GIL build
    again, for the A/A noise floor) or "reference" (the project's Python, defines the digest)."""
    args = parse_args(impl_id(role), [Int("scale", 1, 1000)])
    check_gil(args.impl, role, "at start")
    m = load_benchmarks(args.impl)
    digest = hashlib.sha256("\n".join(checks(m)).encode()).hexdigest()[:16]
    samples, parts = time_suite(args, parts_for(m, args.params["scale"]))
    check_gil(args.impl, role, "after the benchmarks ran")
    emit(args, checksum=digest, samples_ns=samples, threads=1, parts=parts)
