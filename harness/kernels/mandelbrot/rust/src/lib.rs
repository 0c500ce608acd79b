//! Shared harness protocol for the Rust Mandelbrot implementations:
//! argument parsing, thread count, peak RSS and the one-line JSON result.

use std::process::exit;

/// Complex-plane window of Modular's Mandelbrot example (see kernel.yaml).
pub const XMIN: f64 = -2.0;
pub const XMAX: f64 = 0.6;
pub const YMIN: f64 = -1.5;
pub const YMAX: f64 = 1.5;

pub struct Args {
    pub warmup: usize,
    pub samples: usize,
    pub width: usize,
    pub height: usize,
    pub max_iter: u32,
}

/// Parses `WARMUP SAMPLES width height maxIter`; exits with status 2 on error.
pub fn parse_args(impl_id: &str) -> Args {
    let argv: Vec<String> = std::env::args().collect();
    let usage = |msg: String| -> ! {
        eprintln!("{impl_id}: {msg}");
        eprintln!(
            "usage: {} WARMUP SAMPLES width height maxIter",
            argv.first().map_or("prog", |s| s.as_str())
        );
        exit(2)
    };
    if argv.len() != 6 {
        usage(format!(
            "expected 5 arguments, got {}",
            argv.len().saturating_sub(1)
        ));
    }
    let names = ["WARMUP", "SAMPLES", "width", "height", "maxIter"];
    let mut v = [0u64; 5];
    for i in 0..5 {
        v[i] = argv[i + 1].parse::<u64>().unwrap_or_else(|_| {
            usage(format!(
                "{} must be a non-negative integer, got '{}'",
                names[i],
                argv[i + 1]
            ))
        });
    }
    if v[1] < 1
        || v[2] < 1
        || v[3] < 1
        || v[4] < 1
        || v[2] > 1 << 20
        || v[3] > 1 << 20
        || v[4] > i32::MAX as u64
    {
        usage("need SAMPLES >= 1, 1 <= width,height <= 2^20, 1 <= maxIter <= 2^31-1".to_string());
    }
    Args {
        warmup: v[0] as usize,
        samples: v[1] as usize,
        width: v[2] as usize,
        height: v[3] as usize,
        max_iter: v[4] as u32,
    }
}

/// Threads from $CLAIMBENCH_THREADS, default: CPUs available to the process.
pub fn thread_count(impl_id: &str) -> usize {
    match std::env::var("CLAIMBENCH_THREADS") {
        Ok(s) if !s.is_empty() => match s.parse::<usize>() {
            Ok(t) if (1..=4096).contains(&t) => t,
            _ => {
                eprintln!("{impl_id}: CLAIMBENCH_THREADS must be an integer in 1..4096, got '{s}'");
                exit(2)
            }
        },
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
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

pub fn checksum(out: &[u32]) -> u64 {
    out.iter().map(|&v| v as u64).sum()
}

pub fn print_json(impl_id: &str, a: &Args, checksum: u64, samples_ns: &[u64], threads: usize) {
    let samples: Vec<String> = samples_ns.iter().map(|s| s.to_string()).collect();
    println!(
        "{{\"impl\":\"{impl_id}\",\"params\":{{\"width\":{},\"height\":{},\"maxIter\":{}}},\"checksum\":{checksum},\"samplesNs\":[{}],\"threads\":{threads},\"peakRssKiB\":{}}}",
        a.width,
        a.height,
        a.max_iter,
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
