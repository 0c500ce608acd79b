# The claimbench protocol for Mojo implementations (see CONTRIBUTING.md, "Add
# a kernel").
#
# A program is invoked as `<program> WARMUP SAMPLES <params in kernel.yaml
# order>`, times only its work with a monotonic nanosecond clock and prints
# exactly one JSON line on stdout. This module does the parts every program
# shares: argument parsing, the thread count, peak memory and the JSON line.
# The harness builds with `mojo build -I harness/protocol/mojo`, so that
#
#     from claimbench import Args, Param, parse_args, print_result
#     var a = parse_args("mojo-naive", [Param.int("n", 1, 16384), Param.int("bits", 32, 64)])
#     var n = a.int("n")
#     ... t0 = perf_counter_ns(); work(); samples.append(Int(perf_counter_ns() - t0)) ...
#     print_result(a, checksum_float(sum), samples, 1)

from std.ffi import external_call
from std.os import getenv
from std.runtime import parallelism_level
from std.sys import CompilationTarget, argv, exit, stderr


@fieldwise_init
struct Param(Copyable, ImplicitlyCopyable):
    """A parameter: an integer in [min, max], or a string."""

    var name: String
    var min: Int
    var max: Int
    var is_string: Bool

    @staticmethod
    def int(name: String, min: Int, max: Int) -> Param:
        return Param(name, min, max, False)

    @staticmethod
    def string(name: String) -> Param:
        return Param(name, 0, 0, True)


@fieldwise_init
struct Args(Copyable):
    """The parsed command line: WARMUP, SAMPLES and the parameters."""

    var impl: String
    var warmup: Int
    var samples: Int
    var params: List[Param]
    var ints: List[Int]
    var strings: List[String]

    def index(self, name: String) -> Int:
        for i in range(len(self.params)):
            if self.params[i].name == name:
                return i
        print(self.impl + ": no parameter " + name, file=stderr)
        exit(1)
        return -1

    def int(self, name: String) -> Int:
        """The integer parameter `name`."""
        return self.ints[self.index(name)]

    def str(self, name: String) -> String:
        """The string parameter `name`."""
        return self.strings[self.index(name)]


def parse_int(name: String, text: String, min: Int, max: Int) raises -> Int:
    var v: Int
    try:
        v = Int(text)
    except:
        raise Error(name + " must be an integer, got '" + text + "'")
    if v < min or v > max:
        raise Error(
            name
            + " must be in "
            + String(min)
            + ".."
            + String(max)
            + ", got "
            + String(v)
        )
    return v


def parse(impl: String, params: List[Param], args: List[String]) raises -> Args:
    """Parses WARMUP SAMPLES and the parameters (without the program name);
    raises an Error naming the argument and what was expected."""
    if len(args) != len(params) + 2:
        var names = String("WARMUP SAMPLES")
        for p in params:
            names += " " + p.name
        raise Error(
            "expected "
            + String(len(params) + 2)
            + " arguments ("
            + names
            + "), got "
            + String(len(args))
        )
    var warmup = parse_int("WARMUP", args[0], 0, 1 << 31)
    var samples = parse_int("SAMPLES", args[1], 1, 1 << 31)
    var ints = List[Int]()
    var strings = List[String]()
    for i in range(len(params)):
        if params[i].is_string:
            ints.append(0)
            strings.append(args[i + 2])
        else:
            ints.append(
                parse_int(params[i].name, args[i + 2], params[i].min, params[i].max)
            )
            strings.append(String(""))
    return Args(impl, warmup, samples, params.copy(), ints^, strings^)


def parse_args(impl: String, params: List[Param]) -> Args:
    """parse() on the process's arguments; on bad input prints the reason and
    the usage to stderr and exits with status 2."""
    var argv_ = argv()
    var args = List[String]()
    for i in range(1, len(argv_)):
        args.append(String(argv_[i]))
    try:
        return parse(impl, params, args)
    except e:
        var names = String("")
        for p in params:
            names += " " + p.name
        print(impl + ": " + String(e), file=stderr)
        print("usage: " + impl + " WARMUP SAMPLES" + names, file=stderr)
        exit(2)
        return Args(impl, 0, 0, List[Param](), List[Int](), List[String]())


def thread_count(impl: String) -> Int:
    """CLAIMBENCH_THREADS (1..4096), else the runtime's parallelism level (all
    CPUs); exits 2 on a bad value."""
    var env = getenv("CLAIMBENCH_THREADS", "")
    if env.byte_length() == 0:
        return parallelism_level()
    try:
        var t = Int(env)
        if t >= 1 and t <= 4096:
            return t
    except:
        pass
    print(
        impl
        + ": CLAIMBENCH_THREADS must be an integer in 1..4096, got '"
        + env
        + "'",
        file=stderr,
    )
    exit(2)
    return 1


def peak_rss_kib() -> Int:
    """Peak resident memory: VmHWM from /proc/self/status, else getrusage's
    ru_maxrss."""
    try:
        with open("/proc/self/status", "r") as f:
            var text = f.read()
            # split("\n"), not splitlines(): in Mojo 1.2 splitlines() also
            # breaks at the tab that follows "VmHWM:".
            for line in text.split("\n"):
                if line.startswith("VmHWM:"):
                    return Int(String(line[byte=6:]).replace("kB", "").strip())
    except:
        pass
    # struct rusage on 64-bit Linux/macOS: two timevals, then ru_maxrss.
    var ru = List[Int64](length=18, fill=0)
    if external_call["getrusage", Int32](Int32(0), ru.unsafe_ptr()) != 0:
        return 0
    return Int(ru[4]) // 1024 if CompilationTarget.is_macos() else Int(ru[4])


def json_string(s: String) -> String:
    var out = String('"')
    for c in s.codepoint_slices():
        if c == '"':
            out += '\\"'
        elif c == "\\":
            out += "\\\\"
        elif c == "\n":
            out += "\\n"
        else:
            out += c
    return out + '"'


def checksum_int(v: Int) -> String:
    """An integer checksum, as its JSON text."""
    return String(v)


def checksum_float(v: Float64) -> String:
    """A float checksum, as its JSON text: String(Float64) is the shortest
    decimal that round-trips. NaN and infinities are refused by print_result."""
    return String(v)


def checksum_digest(hex: String) -> String:
    """A digest checksum (lowercase hex), as its JSON text."""
    return '"' + hex + '"'


def fnv1a64(text: String) -> String:
    """FNV-1a 64-bit hash of the text's UTF-8 bytes, as 16 lowercase hex digits (src/lib/fnv.ts
    computes the same for the published outputs)."""
    var h: UInt64 = 0xCBF29CE484222325
    for b in text.as_bytes():
        h = (h ^ UInt64(b)) * 0x100000001B3
    var digits = String("")
    comptime HEX = "0123456789abcdef"
    for k in range(16):
        var nibble = Int((h >> UInt64(60 - 4 * k)) & 15)
        digits += HEX[byte = nibble]
    return digits


def checksum_output(text: String) -> String:
    """The checksum of a program's output text (the Benchmarks Game kernels): its FNV-1a digest."""
    return checksum_digest(fnv1a64(text))


def valid_checksum(text: String) -> Bool:
    if text.startswith('"'):
        if text.byte_length() < 3:
            return False
        for c in String(text[byte = 1 : text.byte_length() - 1]).codepoint_slices():
            if not (c in "0123456789abcdef"):
                return False
        return True
    return not ("nan" in text or "inf" in text)


def result_line(
    a: Args,
    checksum: String,
    samples_ns: List[Int],
    threads: Int,
    peak_kib: Int,
    work: String = "",
) -> String:
    """The protocol's JSON line. `checksum` comes from checksum_int,
    checksum_float or checksum_digest; `work`, when given, is the JSON object of
    ONE sample's work, e.g. '{"bytes":1024}'."""
    var s = String('{"impl":', json_string(a.impl), ',"params":{')
    for i in range(len(a.params)):
        if i > 0:
            s += ","
        s += json_string(a.params[i].name) + ":"
        if a.params[i].is_string:
            s += json_string(a.strings[i])
        else:
            s += String(a.ints[i])
    s += String('},"checksum":', checksum, ',"samplesNs":[')
    for i in range(len(samples_ns)):
        if i > 0:
            s += ","
        s += String(samples_ns[i])
    s += String('],"threads":', threads, ',"peakRssKiB":', peak_kib)
    if work.byte_length() > 0:
        s += ',"work":' + work
    return s + "}"


def print_result(
    a: Args,
    checksum: String,
    samples_ns: List[Int],
    threads: Int,
    work: String = "",
):
    """Prints the result line with this process's peak memory; exits 1 on a
    checksum that is not a finite number or a lowercase hex digest."""
    if not valid_checksum(checksum):
        print(
            a.impl
            + ": checksum is not a finite number or a lowercase hex digest: "
            + checksum,
            file=stderr,
        )
        exit(1)
    print(result_line(a, checksum, samples_ns, threads, peak_rss_kib(), work))
