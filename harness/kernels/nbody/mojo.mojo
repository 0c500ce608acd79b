# n-body (Benchmarks Game problem), Mojo, one thread, plain scalar code
# (idiomatic tier): the arithmetic of python.py in the same order, on Lists of
# Float64 (one per coordinate), no SIMD.
# Build: mojo build -D ASSERT=none --fp-mode contract=off -I harness/protocol/mojo mojo.mojo -o mojo
# Usage: mojo WARMUP SAMPLES steps

from std.math import sqrt
from std.time import perf_counter_ns
import claimbench
from claimbench import Param, print_result, checksum_output

comptime IMPL = "mojo"
comptime PI: Float64 = 3.141592653589793
comptime SOLAR_MASS: Float64 = 4.0 * PI * PI
comptime DAYS_PER_YEAR: Float64 = 365.24
comptime N = 5


struct System(Movable):
    var x: List[Float64]
    var y: List[Float64]
    var z: List[Float64]
    var vx: List[Float64]
    var vy: List[Float64]
    var vz: List[Float64]
    var m: List[Float64]

    def __init__(out self):
        # Sun, Jupiter, Saturn, Uranus, Neptune: position (AU), velocity
        # (AU/day), mass (fraction of the Sun's).
        self.x = [0.0, 4.84143144246472090e+00, 8.34336671824457987e+00, 1.28943695621391310e+01, 1.53796971148509165e+01]
        self.y = [0.0, -1.16032004402742839e+00, 4.12479856412430479e+00, -1.51111514016986312e+01, -2.59193146099879641e+01]
        self.z = [0.0, -1.03622044471123109e-01, -4.03523417114321381e-01, -2.23307578892655734e-01, 1.79258772950371181e-01]
        self.vx = [0.0, 1.66007664274403694e-03, -2.76742510726862411e-03, 2.96460137564761618e-03, 2.68067772490389322e-03]
        self.vy = [0.0, 7.69901118419740425e-03, 4.99852801234917238e-03, 2.37847173959480950e-03, 1.62824170038242295e-03]
        self.vz = [0.0, -6.90460016972063023e-05, 2.30417297573763929e-05, -2.96589568540237556e-05, -9.51592254519715870e-05]
        self.m = [1.0, 9.54791938424326609e-04, 2.85885980666130812e-04, 4.36624404335156298e-05, 5.15138902046611451e-05]
        for i in range(N):
            self.vx[i] = self.vx[i] * DAYS_PER_YEAR
            self.vy[i] = self.vy[i] * DAYS_PER_YEAR
            self.vz[i] = self.vz[i] * DAYS_PER_YEAR
            self.m[i] = self.m[i] * SOLAR_MASS
        var px: Float64 = 0.0
        var py: Float64 = 0.0
        var pz: Float64 = 0.0
        for i in range(N):
            px += self.vx[i] * self.m[i]
            py += self.vy[i] * self.m[i]
            pz += self.vz[i] * self.m[i]
        self.vx[0] = -px / SOLAR_MASS
        self.vy[0] = -py / SOLAR_MASS
        self.vz[0] = -pz / SOLAR_MASS

    def energy(self) -> Float64:
        var e: Float64 = 0.0
        for i in range(N):
            e += 0.5 * self.m[i] * (self.vx[i] * self.vx[i] + self.vy[i] * self.vy[i] + self.vz[i] * self.vz[i])
            for j in range(i + 1, N):
                var dx = self.x[i] - self.x[j]
                var dy = self.y[i] - self.y[j]
                var dz = self.z[i] - self.z[j]
                e -= (self.m[i] * self.m[j]) / sqrt(dx * dx + dy * dy + dz * dz)
        return e

    def advance(mut self, dt: Float64, steps: Int):
        for _ in range(steps):
            for i in range(N):
                for j in range(i + 1, N):
                    var dx = self.x[i] - self.x[j]
                    var dy = self.y[i] - self.y[j]
                    var dz = self.z[i] - self.z[j]
                    var d2 = dx * dx + dy * dy + dz * dz
                    var mag = dt / (d2 * sqrt(d2))
                    var bm = self.m[j] * mag
                    var am = self.m[i] * mag
                    self.vx[i] -= dx * bm
                    self.vy[i] -= dy * bm
                    self.vz[i] -= dz * bm
                    self.vx[j] += dx * am
                    self.vy[j] += dy * am
                    self.vz[j] += dz * am
            for i in range(N):
                self.x[i] += dt * self.vx[i]
                self.y[i] += dt * self.vy[i]
                self.z[i] += dt * self.vz[i]


def fixed9(v: Float64) -> String:
    """The value with nine decimals, as C's "%.9f" writes it (rounded half away from
    zero on the scaled value; the digest check catches any difference)."""
    var neg = v < 0.0
    var a = -v if neg else v
    var scaled = Int(a * 1e9 + 0.5)
    var whole = scaled // 1000000000
    var frac = String(scaled % 1000000000)
    while frac.byte_length() < 9:
        frac = "0" + frac
    return ("-" if neg else "") + String(whole) + "." + frac


def run(steps: Int) -> String:
    var s = System()
    var before = s.energy()
    s.advance(0.01, steps)
    return fixed9(before) + "\n" + fixed9(s.energy()) + "\n"


def main():
    var a = claimbench.parse_args(IMPL, [Param.int("steps", 1, 1 << 31)])
    var steps = a.int("steps")
    var text = String("")
    for _ in range(a.warmup):
        text = run(steps)
    var samples = List[Int]()
    for _ in range(a.samples):
        var t0 = perf_counter_ns()
        text = run(steps)
        samples.append(Int(perf_counter_ns() - t0))
    print_result(a, checksum_output(text), samples, 1)
