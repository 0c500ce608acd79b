//! Matrix multiplication C = A x B with the faer crate, shared by the binaries
//! faer (one thread) and faer_threads (CLAIMBENCH_THREADS): the optimized tier
//! from Rust's ecosystem. A package of its own, so that faer's build time does
//! not fall on the naive and ndarray binaries; the inputs, arguments and JSON
//! line come from the matmul crate next to it (../rust) and the protocol crate. `faer::linalg::matmul::matmul` into a preallocated
//! matrix is the call a practitioner makes for a dense product; faer's GEMM
//! packs blocks and picks SIMD micro-kernels for this CPU at run time.

use claimbench_matmul::{Args, a_elem, b_elem, parse_args, print_json, run_samples};
use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, Par};

/// Sum of C[i][j] * ((i + 2j) mod 7 + 1) in f64, the same weights as
/// claimbench_matmul::checksum, read from faer's column-major matrix.
fn checksum_of(c: &Mat<f64>) -> f64 {
    let n = c.nrows();
    let mut s = 0.0;
    for i in 0..n {
        for j in 0..n {
            s += c[(i, j)] * ((i + 2 * j) % 7 + 1) as f64;
        }
    }
    s
}

macro_rules! run {
    ($t:ty, $args:expr, $par:expr) => {{
        let args: &Args = $args;
        let n = args.n;
        let a = Mat::<$t>::from_fn(n, n, |i, j| a_elem(i, j) as $t);
        let b = Mat::<$t>::from_fn(n, n, |i, j| b_elem(i, j) as $t);
        let mut c = Mat::<$t>::zeros(n, n);
        let samples = run_samples(args, || {
            matmul(c.as_mut(), Accum::Replace, a.as_ref(), b.as_ref(), 1.0 as $t, $par)
        });
        (checksum_of(&Mat::<f64>::from_fn(n, n, |i, j| c[(i, j)] as f64)), samples)
    }};
}

/// Runs the protocol: `Par::Seq` when not threaded, else `Par::rayon` on a
/// global rayon pool of CLAIMBENCH_THREADS threads.
pub fn main_with(impl_id: &str, threaded: bool) {
    let args = parse_args(impl_id);
    let threads = if threaded { claimbench_protocol::thread_count(impl_id) } else { 1 };
    let par = if threaded {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().expect("the rayon pool is built once");
        Par::rayon(threads)
    } else {
        Par::Seq
    };
    let (sum, samples) = if args.bits == 32 { run!(f32, &args, par) } else { run!(f64, &args, par) };
    print_json(&args, sum, &samples, threads);
}
