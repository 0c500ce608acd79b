//! Mandelbrot escape-time kernel, Rust scalar (idiomatic, single thread).
//! Usage: scalar WARMUP SAMPLES width height maxIter

use claimbench_mandelbrot::{
    XMAX, XMIN, YMAX, YMIN, checksum, parse_args, print_json, run_samples,
};

const IMPL: &str = "rust-scalar";

fn compute(out: &mut [u32], width: usize, height: usize, max_iter: u32) {
    debug_assert_eq!(out.len(), width * height);
    let scale_x = (XMAX - XMIN) / width as f64;
    let scale_y = (YMAX - YMIN) / height as f64;
    for (row, line) in out.chunks_exact_mut(width).enumerate() {
        let y0 = YMIN + row as f64 * scale_y;
        for (col, pixel) in line.iter_mut().enumerate() {
            let x0 = XMIN + col as f64 * scale_x;
            let (mut x, mut y) = (0.0f64, 0.0f64);
            let mut n = 0;
            while n < max_iter && x * x + y * y <= 4.0 {
                let xt = x * x - y * y + x0;
                y = 2.0 * x * y + y0;
                x = xt;
                n += 1;
            }
            *pixel = n;
        }
    }
}

fn main() {
    let a = parse_args(IMPL);
    let mut out = vec![0u32; a.width * a.height];
    let samples = run_samples(&a.protocol, || compute(&mut out, a.width, a.height, a.max_iter));
    print_json(&a, checksum(&out), &samples, 1);
}
