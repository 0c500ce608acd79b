//! spectral-norm (Benchmarks Game problem), Rust, one thread, plain scalar loops (idiomatic tier).
//! Usage: spectral-norm WARMUP SAMPLES n
//! Same arithmetic, in the same order, as python.py; the text written is sqrt(u.v / v.v) with nine
//! decimals, and the checksum its FNV-1a 64-bit hash.

use claimbench_protocol::{Checksum, Param, parse_args, print_result, run_samples};

const IMPL: &str = "rust";

fn a(i: usize, j: usize) -> f64 {
    1.0 / ((i + j) * (i + j + 1) / 2 + i + 1) as f64
}

fn times_a(u: &[f64], out: &mut [f64]) {
    for (i, o) in out.iter_mut().enumerate() {
        *o = u.iter().enumerate().fold(0.0, |s, (j, x)| s + a(i, j) * x);
    }
}

fn times_at(u: &[f64], out: &mut [f64]) {
    for (i, o) in out.iter_mut().enumerate() {
        *o = u.iter().enumerate().fold(0.0, |s, (j, x)| s + a(j, i) * x);
    }
}

fn times_ata(u: &[f64], out: &mut [f64], tmp: &mut [f64]) {
    times_a(u, tmp);
    times_at(tmp, out);
}

fn run(n: usize) -> String {
    let mut u = vec![1.0f64; n];
    let mut v = vec![0.0f64; n];
    let mut tmp = vec![0.0f64; n];
    for _ in 0..10 {
        times_ata(&u, &mut v, &mut tmp);
        times_ata(&v, &mut u, &mut tmp);
    }
    let (mut vbv, mut vv) = (0.0f64, 0.0f64);
    for (x, y) in u.iter().zip(&v) {
        vbv += x * y;
        vv += y * y;
    }
    format!("{:.9}\n", (vbv / vv).sqrt())
}

fn main() {
    let a = parse_args(IMPL, &[Param::int("n", 1, 1 << 16)]);
    let n = a.int("n") as usize;
    let mut text = String::new();
    let samples = run_samples(&a, || text = run(n));
    print_result(&a, Checksum::of_output(&text), &samples, 1, None);
}
