//! Shared harness protocol for the Rust matrix-multiplication implementations:
//! argument parsing, the inputs, the checksum, peak RSS and the one-line JSON
//! result.

use std::ops::{Add, AddAssign, Mul};
use std::process::exit;

/// Largest n accepted: keeps every product, partial sum and the checksum exact
/// (see kernel.yaml checksum).
pub const MAX_N: usize = 16384;

pub struct Args {
    pub warmup: usize,
    pub samples: usize,
    pub n: usize,
    /// 32 (f32) or 64 (f64).
    pub bits: u32,
}

/// Parses `WARMUP SAMPLES n bits`; exits with status 2 on error.
pub fn parse_args(impl_id: &str) -> Args {
    let argv: Vec<String> = std::env::args().collect();
    let usage = |msg: String| -> ! {
        eprintln!("{impl_id}: {msg}");
        eprintln!(
            "usage: {} WARMUP SAMPLES n bits",
            argv.first().map_or("prog", |s| s.as_str())
        );
        exit(2)
    };
    if argv.len() != 5 {
        usage(format!(
            "expected 4 arguments, got {}",
            argv.len().saturating_sub(1)
        ));
    }
    let names = ["WARMUP", "SAMPLES", "n", "bits"];
    let mut v = [0u64; 4];
    for i in 0..4 {
        v[i] = argv[i + 1].parse::<u64>().unwrap_or_else(|_| {
            usage(format!(
                "{} must be a non-negative integer, got '{}'",
                names[i],
                argv[i + 1]
            ))
        });
    }
    if v[1] < 1 || v[2] < 1 || v[2] > MAX_N as u64 || (v[3] != 32 && v[3] != 64) {
        usage(format!(
            "need SAMPLES >= 1, 1 <= n <= {MAX_N}, bits 32 or 64"
        ));
    }
    Args {
        warmup: v[0] as usize,
        samples: v[1] as usize,
        n: v[2] as usize,
        bits: v[3] as u32,
    }
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

/// VmHWM from /proc/self/status, else getrusage's ru_maxrss (KiB on Linux).
pub fn peak_rss_kib() -> u64 {
    if let Ok(s) = std::fs::read_to_string("/proc/self/status") {
        for line in s.lines() {
            if let Some(rest) = line.strip_prefix("VmHWM:")
                && let Some(kib) = rest.split_whitespace().next().and_then(|t| t.parse().ok())
            {
                return kib;
            }
        }
    }
    rusage_maxrss_kib()
}

#[cfg(unix)]
fn rusage_maxrss_kib() -> u64 {
    // Minimal getrusage binding; avoids a libc crate dependency.
    #[repr(C)]
    struct Timeval {
        sec: i64,
        usec: i64,
    }
    #[repr(C)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        maxrss: i64,
        rest: [i64; 13],
    }
    unsafe extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    let mut ru = std::mem::MaybeUninit::<Rusage>::zeroed();
    // SAFETY: RUSAGE_SELF = 0; the struct matches the 64-bit Linux/macOS layout.
    if unsafe { getrusage(0, ru.as_mut_ptr()) } != 0 {
        return 0;
    }
    let rss = unsafe { ru.assume_init() }.maxrss.max(0) as u64;
    if cfg!(target_os = "macos") {
        rss / 1024
    } else {
        rss
    }
}

#[cfg(not(unix))]
fn rusage_maxrss_kib() -> u64 {
    0
}

pub fn print_json(impl_id: &str, a: &Args, checksum: f64, samples_ns: &[u64], threads: usize) {
    let samples: Vec<String> = samples_ns.iter().map(|s| s.to_string()).collect();
    // f64's Display prints the shortest decimal that round-trips (no exponent).
    println!(
        "{{\"impl\":\"{impl_id}\",\"params\":{{\"n\":{},\"bits\":{}}},\"checksum\":{checksum},\"samplesNs\":[{}],\"threads\":{threads},\"peakRssKiB\":{}}}",
        a.n,
        a.bits,
        samples.join(","),
        peak_rss_kib()
    );
}

/// Runs `work` WARMUP times untimed, then SAMPLES times timed with the
/// monotonic clock around the call alone.
pub fn run_samples(a: &Args, mut work: impl FnMut()) -> Vec<u64> {
    for _ in 0..a.warmup {
        work();
    }
    (0..a.samples)
        .map(|_| {
            let t0 = std::time::Instant::now();
            work();
            t0.elapsed().as_nanos() as u64
        })
        .collect()
}
