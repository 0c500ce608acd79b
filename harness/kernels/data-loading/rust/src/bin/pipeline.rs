//! The data-loading pipeline in Rust on one thread (see src/lib.rs).
//! Usage: pipeline WARMUP SAMPLES records block   (data set path in CLAIMBENCH_DATASET)
fn main() {
    claimbench_data_loading::run("rust");
}
