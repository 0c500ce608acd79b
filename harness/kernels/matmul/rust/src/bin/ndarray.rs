//! Matrix multiplication C = A x B, Rust with the ndarray crate: `a.dot(&b)`
//! on two `Array2`s, the idiomatic call. With default features ndarray hands
//! f32/f64 products to the pure-Rust matrixmultiply crate (packed blocks, SIMD
//! micro-kernels picked at run time, one thread); no BLAS is linked.
//! Usage: ndarray WARMUP SAMPLES n bits      (bits 32 = f32, 64 = f64)

use claimbench_matmul::{
    Args, Float, a_elem, b_elem, checksum, parse_args, print_json, run_samples,
};
use ndarray::{Array2, LinalgScalar};

const IMPL: &str = "rust-ndarray";

fn run<T: Float + LinalgScalar>(args: &Args) -> (f64, Vec<u64>) {
    let n = args.n;
    let a = Array2::from_shape_fn((n, n), |(i, j)| T::from_f64(a_elem(i, j)));
    let b = Array2::from_shape_fn((n, n), |(i, j)| T::from_f64(b_elem(i, j)));
    let mut c = Array2::<T>::zeros((0, 0));
    let samples = run_samples(args, || c = a.dot(&b));
    let c = c.as_standard_layout();
    (
        checksum(c.as_slice().expect("standard layout is contiguous"), n),
        samples,
    )
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
