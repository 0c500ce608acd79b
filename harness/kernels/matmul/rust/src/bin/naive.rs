//! Matrix multiplication C = A x B, Rust naive: the i-j-k triple loop over
//! row-major `Vec`s with plain indexing (bounds-checked), one thread.
//! Usage: naive WARMUP SAMPLES n bits      (bits 32 = f32, 64 = f64)

use claimbench_matmul::{
    Args, Float, a_elem, b_elem, checksum, parse_args, print_json, run_samples,
};

const IMPL: &str = "rust-naive";

fn matmul<T: Float>(a: &[T], b: &[T], c: &mut [T], n: usize) {
    for i in 0..n {
        for j in 0..n {
            let mut s = T::default();
            for k in 0..n {
                s += a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = s;
        }
    }
}

fn run<T: Float>(args: &Args) -> (f64, Vec<u64>) {
    let n = args.n;
    let a: Vec<T> = (0..n * n)
        .map(|x| T::from_f64(a_elem(x / n, x % n)))
        .collect();
    let b: Vec<T> = (0..n * n)
        .map(|x| T::from_f64(b_elem(x / n, x % n)))
        .collect();
    let mut c = vec![T::default(); n * n];
    let samples = run_samples(args, || matmul(&a, &b, &mut c, n));
    (checksum(&c, n), samples)
}

fn main() {
    let args = parse_args(IMPL);
    let (sum, samples) = if args.bits == 32 {
        run::<f32>(&args)
    } else {
        run::<f64>(&args)
    };
    print_json(&args, sum, &samples, 1);
}
