//! What the Rust matrix-multiplication implementations share: the kernel's
//! parameters, the inputs and the checksum, on top of the protocol crate
//! (harness/protocol/rust: arguments, clock, peak memory, the JSON line).

use std::ops::{Add, AddAssign, Mul};
use claimbench_protocol::{Checksum, Param};
use std::process::exit;

/// Largest n accepted: keeps every product, partial sum and the checksum exact
/// (see kernel.yaml checksum).
pub const MAX_N: usize = 16384;

/// The kernel's parameters, in kernel.yaml order.
pub const PARAMS: [Param; 2] = [Param::int("n", 1, MAX_N as i64), Param::int("bits", 32, 64)];

pub struct Args {
    pub protocol: claimbench_protocol::Args,
    pub n: usize,
    /// 32 (f32) or 64 (f64).
    pub bits: u32,
}

/// Parses `WARMUP SAMPLES n bits`; exits with status 2 on error.
pub fn parse_args(impl_id: &str) -> Args {
    let protocol = claimbench_protocol::parse_args(impl_id, &PARAMS);
    let bits = protocol.int("bits") as u32;
    if bits != 32 && bits != 64 {
        eprintln!("{impl_id}: bits must be one of 32, 64, got {bits}");
        exit(2);
    }
    Args { n: protocol.int("n") as usize, bits, protocol }
}

/// The element types the kernel runs on (f32 and f64), without a num-traits
/// dependency.
pub trait Float:
    Copy + Default + Add<Output = Self> + Mul<Output = Self> + AddAssign + Send + Sync + 'static
{
    fn from_f64(x: f64) -> Self;
    fn to_f64(self) -> f64;
}

impl Float for f32 {
    fn from_f64(x: f64) -> Self {
        x as f32
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl Float for f64 {
    fn from_f64(x: f64) -> Self {
        x
    }
    fn to_f64(self) -> f64 {
        self
    }
}

/// A[i][j] = ((7i + 3j) mod 13 - 6) / 8: small multiples of 1/8, exact in f32 and f64.
pub fn a_elem(i: usize, j: usize) -> f64 {
    ((i * 7 + j * 3) % 13) as f64 / 8.0 - 0.75
}

/// B[i][j] = ((5i + 11j) mod 17 - 8) / 16: small multiples of 1/16.
pub fn b_elem(i: usize, j: usize) -> f64 {
    ((i * 5 + j * 11) % 17) as f64 / 16.0 - 0.5
}

/// Sum of C[i][j] * ((i + 2j) mod 7 + 1) over a row-major n x n matrix, in
/// f64 (exact for every n <= MAX_N, so the summation order does not matter).
pub fn checksum<T: Float>(c: &[T], n: usize) -> f64 {
    let mut s = 0.0f64;
    for (i, row) in c.chunks_exact(n).enumerate() {
        for (j, &x) in row.iter().enumerate() {
            s += x.to_f64() * ((i + 2 * j) % 7 + 1) as f64;
        }
    }
    s
}

/// Prints the protocol line.
pub fn print_json(a: &Args, checksum: f64, samples_ns: &[u64], threads: usize) {
    claimbench_protocol::print_result(&a.protocol, Checksum::Float(checksum), samples_ns, threads, None);
}

/// Runs `work` WARMUP times untimed, then SAMPLES times timed around the call alone.
pub fn run_samples(a: &Args, work: impl FnMut()) -> Vec<u64> {
    claimbench_protocol::run_samples(&a.protocol, work)
}
