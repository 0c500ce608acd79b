//! Mandelbrot escape-time kernel, Rust optimized: SIMD (manual lanes,
//! auto-vectorized) + rayon threads over rows.
//! Usage: simd_rayon WARMUP SAMPLES width height maxIter
//! Threads: $CLAIMBENCH_THREADS (default: CPUs available), one rayon pool.
//!
//! SIMD on stable Rust without a SIMD crate: the kernel works on plain
//! `[f64; STEP]` arrays (STEP = 32 pixels = 4 x 8 doubles) with fixed-length
//! loops that LLVM turns into vector instructions. Because Cargo.toml cannot
//! set target-cpu, the same kernel is compiled three times (AVX-512F, AVX2,
//! baseline) with `#[target_feature]` and the best one is picked at run time;
//! on aarch64 NEON is baseline. Rust never contracts a*b+c into an FMA, so
//! the results match the other implementations bit for bit.

use claimbench_mandelbrot::{
    XMAX, XMIN, YMAX, YMIN, checksum, parse_args, print_json, run_samples, thread_count,
};
use rayon::prelude::*;

const IMPL: &str = "rust-simd-rayon";
/// Pixels iterated together: 4 independent groups of 8 doubles (one 512-bit
/// register each), enough parallel dependency chains to hide FP latency.
const STEP: usize = 32;

#[inline(always)]
fn kernel(x0: &[f64; STEP], y0: f64, max_iter: u32, count: &mut [u32; STEP]) {
    let mut x = [0.0f64; STEP];
    let mut y = [0.0f64; STEP];
    let mut active = [u64::MAX; STEP]; // sticky: all-ones while the pixel has not escaped
    let mut cnt = [0u64; STEP];
    for _ in 0..max_iter {
        let mut any = 0u64;
        for i in 0..STEP {
            let xx = x[i] * x[i];
            let yy = y[i] * y[i];
            let inside = if xx + yy <= 4.0 { u64::MAX } else { 0 };
            active[i] &= inside;
            any |= active[i];
            cnt[i] += active[i] & 1;
            let xt = xx - yy + x0[i];
            y[i] = 2.0 * x[i] * y[i] + y0;
            x[i] = xt;
        }
        if any == 0 {
            break;
        }
    }
    for i in 0..STEP {
        count[i] = cnt[i] as u32;
    }
}

#[inline(always)]
fn row_generic(
    line: &mut [u32],
    row: usize,
    width: usize,
    scale_x: f64,
    scale_y: f64,
    max_iter: u32,
) {
    let y0 = YMIN + row as f64 * scale_y;
    let mut count = [0u32; STEP];
    for col in (0..width).step_by(STEP) {
        let mut x0 = [0.0f64; STEP];
        for (i, v) in x0.iter_mut().enumerate() {
            *v = XMIN + (col + i) as f64 * scale_x;
        }
        kernel(&x0, y0, max_iter, &mut count);
        let n = STEP.min(width - col);
        line[col..col + n].copy_from_slice(&count[..n]);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
fn row_avx512(line: &mut [u32], row: usize, width: usize, sx: f64, sy: f64, max_iter: u32) {
    row_generic(line, row, width, sx, sy, max_iter)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn row_avx2(line: &mut [u32], row: usize, width: usize, sx: f64, sy: f64, max_iter: u32) {
    row_generic(line, row, width, sx, sy, max_iter)
}

fn row_baseline(line: &mut [u32], row: usize, width: usize, sx: f64, sy: f64, max_iter: u32) {
    row_generic(line, row, width, sx, sy, max_iter)
}

type RowFn = fn(&mut [u32], usize, usize, f64, f64, u32);

/// Picks the widest code path this CPU supports; returns it and its name.
fn select_row_fn() -> (RowFn, &'static str) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512dq")
            && std::is_x86_feature_detected!("avx512vl")
        {
            // SAFETY: the features were detected on this CPU.
            return (
                |l, r, w, sx, sy, m| unsafe { row_avx512(l, r, w, sx, sy, m) },
                "avx512",
            );
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the feature was detected on this CPU.
            return (
                |l, r, w, sx, sy, m| unsafe { row_avx2(l, r, w, sx, sy, m) },
                "avx2",
            );
        }
    }
    (row_baseline, "baseline")
}

fn main() {
    let a = parse_args(IMPL);
    let threads = thread_count(IMPL);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| {
            eprintln!("{IMPL}: cannot start {threads} threads: {e}");
            std::process::exit(1)
        });
    let (row_fn, isa) = select_row_fn();
    if std::env::var_os("CLAIMBENCH_DEBUG").is_some() {
        eprintln!("{IMPL}: code path {isa}, {threads} threads");
    }
    let (width, height, max_iter) = (a.width, a.height, a.max_iter);
    let scale_x = (XMAX - XMIN) / width as f64;
    let scale_y = (YMAX - YMIN) / height as f64;
    let mut out = vec![0u32; width * height];
    let samples = run_samples(&a.protocol, || {
        pool.install(|| {
            out.par_chunks_exact_mut(width)
                .enumerate()
                .for_each(|(row, line)| row_fn(line, row, width, scale_x, scale_y, max_iter));
        })
    });
    print_json(&a, checksum(&out), &samples, threads);
}
