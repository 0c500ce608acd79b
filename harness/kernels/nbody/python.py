"""n-body (Benchmarks Game problem), pure Python, one thread (naive tier).

Usage: python.py WARMUP SAMPLES steps
One sample: set up the five Jovian bodies, offset the Sun's momentum, write the
energy, advance `steps` steps of 0.01, write the energy again (each "%.9f" on a
line, as the Benchmarks Game program prints it). The checksum is the FNV-1a
64-bit hash of that text (see kernel.yaml), compared before any timing counts.
"""

import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, fnv1a64, parse_args, time_samples  # noqa: E402

IMPL = "python"

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24

# Sun, Jupiter, Saturn, Uranus, Neptune: position (AU), velocity (AU/day), mass (as a fraction of the Sun's).
PLANETS = [
    (4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
    (8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
    (1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
    (1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
]


class Body:
    __slots__ = ("x", "y", "z", "vx", "vy", "vz", "mass")

    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x, self.y, self.z = x, y, z
        self.vx, self.vy, self.vz = vx, vy, vz
        self.mass = mass


def make_system():
    bodies = [Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS)]
    for x, y, z, vx, vy, vz, m in PLANETS:
        bodies.append(Body(x, y, z, vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR, m * SOLAR_MASS))
    px = py = pz = 0.0
    for b in bodies:
        px += b.vx * b.mass
        py += b.vy * b.mass
        pz += b.vz * b.mass
    sun = bodies[0]
    sun.vx = -px / SOLAR_MASS
    sun.vy = -py / SOLAR_MASS
    sun.vz = -pz / SOLAR_MASS
    return bodies


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        a = bodies[i]
        e += 0.5 * a.mass * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz)
        for j in range(i + 1, n):
            b = bodies[j]
            dx = a.x - b.x
            dy = a.y - b.y
            dz = a.z - b.z
            e -= (a.mass * b.mass) / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def advance(bodies, dt, steps):
    n = len(bodies)
    pairs = [(bodies[i], bodies[j]) for i in range(n) for j in range(i + 1, n)]
    for _ in range(steps):
        for a, b in pairs:
            dx = a.x - b.x
            dy = a.y - b.y
            dz = a.z - b.z
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            bm = b.mass * mag
            am = a.mass * mag
            a.vx -= dx * bm
            a.vy -= dy * bm
            a.vz -= dz * bm
            b.vx += dx * am
            b.vy += dy * am
            b.vz += dz * am
        for b in bodies:
            b.x += dt * b.vx
            b.y += dt * b.vy
            b.z += dt * b.vz


def run(steps):
    bodies = make_system()
    before = energy(bodies)
    advance(bodies, 0.01, steps)
    after = energy(bodies)
    return "%.9f\n%.9f\n" % (before, after)


PARAMS = [Int("steps", 1, 1 << 31)]


def main():
    args = parse_args(IMPL, PARAMS)
    steps = args.params["steps"]
    out = []
    samples_ns = time_samples(args, lambda: out.append(run(steps)))
    emit(args, checksum=fnv1a64(out[-1]), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
