//! What the Rust Mandelbrot implementations share: the complex-plane window and the kernel's
//! parameters on top of the protocol crate (harness/protocol/rust: arguments, clock, threads,
//! peak memory, the JSON line).

pub use claimbench_protocol::{run_samples, thread_count};
use claimbench_protocol::{Checksum, Param};

/// Complex-plane window of Modular's Mandelbrot example (see kernel.yaml).
pub const XMIN: f64 = -2.0;
pub const XMAX: f64 = 0.6;
pub const YMIN: f64 = -1.5;
pub const YMAX: f64 = 1.5;

/// The kernel's parameters, in kernel.yaml order.
pub const PARAMS: [Param; 3] = [
    Param::int("width", 1, 1 << 20),
    Param::int("height", 1, 1 << 20),
    Param::int("maxIter", 1, i32::MAX as i64),
];

pub struct Args {
    pub protocol: claimbench_protocol::Args,
    pub width: usize,
    pub height: usize,
    pub max_iter: u32,
}

impl std::ops::Deref for Args {
    type Target = claimbench_protocol::Args;
    fn deref(&self) -> &Self::Target {
        &self.protocol
    }
}

/// Parses `WARMUP SAMPLES width height maxIter`; exits with status 2 on error.
pub fn parse_args(impl_id: &str) -> Args {
    let protocol = claimbench_protocol::parse_args(impl_id, &PARAMS);
    Args {
        width: protocol.int("width") as usize,
        height: protocol.int("height") as usize,
        max_iter: protocol.int("maxIter") as u32,
        protocol,
    }
}

/// Sum of the escape counts.
pub fn checksum(out: &[u32]) -> u64 {
    out.iter().map(|&v| v as u64).sum()
}

/// Prints the protocol line.
pub fn print_json(a: &Args, checksum: u64, samples_ns: &[u64], threads: usize) {
    claimbench_protocol::print_result(&a.protocol, Checksum::Uint(checksum), samples_ns, threads, None);
}
