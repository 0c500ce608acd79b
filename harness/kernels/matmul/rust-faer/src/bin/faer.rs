//! Matrix multiplication C = A x B, Rust with faer on one thread (`Par::Seq`).
//! Usage: faer WARMUP SAMPLES n bits      (bits 32 = f32, 64 = f64)

fn main() {
    claimbench_matmul_faer::main_with("rust-faer", false);
}
