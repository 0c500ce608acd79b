//! Matrix multiplication C = A x B, Rust with faer on CLAIMBENCH_THREADS
//! threads (`Par::rayon` on a rayon pool of that size).
//! Usage: faer_threads WARMUP SAMPLES n bits      (bits 32 = f32, 64 = f64)

fn main() {
    claimbench_matmul_faer::main_with("rust-faer-threads", true);
}
