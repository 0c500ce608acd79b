//! The data-loading pipeline in Rust on a rayon pool of CLAIMBENCH_THREADS threads (see src/lib.rs).
//! Usage: pipeline_threads WARMUP SAMPLES records block   (data set path in CLAIMBENCH_DATASET)
fn main() {
    claimbench_data_loading::run("rust-threads");
}
