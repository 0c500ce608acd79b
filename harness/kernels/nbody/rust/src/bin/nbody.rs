//! n-body (Benchmarks Game problem), Rust, one thread, plain scalar code (idiomatic tier).
//! Usage: nbody WARMUP SAMPLES steps
//! Same arithmetic, in the same order, as python.py; the text written is the two energies with
//! nine decimals, and the checksum its FNV-1a 64-bit hash.

use claimbench_protocol::{Checksum, Param, parse_args, print_result, run_samples};

const IMPL: &str = "rust";
const PI: f64 = 3.141592653589793;
const SOLAR_MASS: f64 = 4.0 * PI * PI;
const DAYS_PER_YEAR: f64 = 365.24;

#[derive(Clone, Copy)]
struct Body {
    pos: [f64; 3],
    vel: [f64; 3],
    mass: f64,
}

/// Jupiter, Saturn, Uranus, Neptune: position (AU), velocity (AU/day), mass (fraction of the Sun's).
const PLANETS: [[f64; 7]; 4] = [
    [4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03,
     7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04],
    [8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03,
     4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04],
    [1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03,
     2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05],
    [1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03,
     1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05],
];

fn make_system() -> [Body; 5] {
    let mut bodies = [Body { pos: [0.0; 3], vel: [0.0; 3], mass: SOLAR_MASS }; 5];
    for (b, p) in bodies[1..].iter_mut().zip(PLANETS.iter()) {
        *b = Body {
            pos: [p[0], p[1], p[2]],
            vel: [p[3] * DAYS_PER_YEAR, p[4] * DAYS_PER_YEAR, p[5] * DAYS_PER_YEAR],
            mass: p[6] * SOLAR_MASS,
        };
    }
    let mut p = [0.0f64; 3];
    for b in &bodies {
        for k in 0..3 {
            p[k] += b.vel[k] * b.mass;
        }
    }
    for k in 0..3 {
        bodies[0].vel[k] = -p[k] / SOLAR_MASS;
    }
    bodies
}

fn energy(bodies: &[Body; 5]) -> f64 {
    let mut e = 0.0;
    for (i, a) in bodies.iter().enumerate() {
        e += 0.5 * a.mass * (a.vel[0] * a.vel[0] + a.vel[1] * a.vel[1] + a.vel[2] * a.vel[2]);
        for b in &bodies[i + 1..] {
            let d = [a.pos[0] - b.pos[0], a.pos[1] - b.pos[1], a.pos[2] - b.pos[2]];
            e -= (a.mass * b.mass) / (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).sqrt();
        }
    }
    e
}

fn advance(bodies: &mut [Body; 5], dt: f64, steps: u64) {
    for _ in 0..steps {
        for i in 0..bodies.len() {
            let (left, right) = bodies.split_at_mut(i + 1);
            let a = &mut left[i];
            for b in right.iter_mut() {
                let d = [a.pos[0] - b.pos[0], a.pos[1] - b.pos[1], a.pos[2] - b.pos[2]];
                let d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
                let mag = dt / (d2 * d2.sqrt());
                let bm = b.mass * mag;
                let am = a.mass * mag;
                for k in 0..3 {
                    a.vel[k] -= d[k] * bm;
                }
                for k in 0..3 {
                    b.vel[k] += d[k] * am;
                }
            }
        }
        for b in bodies.iter_mut() {
            for k in 0..3 {
                b.pos[k] += dt * b.vel[k];
            }
        }
    }
}

fn run(steps: u64) -> String {
    let mut bodies = make_system();
    let before = energy(&bodies);
    advance(&mut bodies, 0.01, steps);
    format!("{:.9}\n{:.9}\n", before, energy(&bodies))
}

fn main() {
    let a = parse_args(IMPL, &[Param::int("steps", 1, 1 << 31)]);
    let steps = a.int("steps") as u64;
    let mut text = String::new();
    let samples = run_samples(&a, || text = run(steps));
    print_result(&a, Checksum::of_output(&text), &samples, 1, None);
}
