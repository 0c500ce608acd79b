//! binary-trees (Benchmarks Game problem), Rust, one thread, one Box per node (idiomatic tier).
//! Usage: binary-trees WARMUP SAMPLES depth
//! The same trees and lines as python.py; every node is its own heap allocation (Box, the global
//! allocator; no arena), freed when its tree is dropped. The checksum is the FNV-1a 64-bit hash of
//! the text.

use claimbench_protocol::{Checksum, Param, parse_args, print_result, run_samples};
use std::fmt::Write as _;

const IMPL: &str = "rust";
const MIN_DEPTH: u32 = 4;

struct Node {
    children: Option<(Box<Node>, Box<Node>)>,
}

fn make(depth: u32) -> Box<Node> {
    Box::new(Node { children: if depth == 0 { None } else { Some((make(depth - 1), make(depth - 1))) } })
}

fn check(node: &Node) -> u64 {
    match &node.children {
        None => 1,
        Some((l, r)) => 1 + check(l) + check(r),
    }
}

fn run(depth: u32) -> String {
    let max_depth = depth.max(MIN_DEPTH + 2);
    let mut text = String::new();
    let stretch = max_depth + 1;
    let _ = writeln!(text, "stretch tree of depth {stretch}\t check: {}", check(&make(stretch)));
    let long_lived = make(max_depth);
    for d in (MIN_DEPTH..=max_depth).step_by(2) {
        let iterations = 1u64 << (max_depth - d + MIN_DEPTH);
        let total: u64 = (0..iterations).map(|_| check(&make(d))).sum();
        let _ = writeln!(text, "{iterations}\t trees of depth {d}\t check: {total}");
    }
    let _ = writeln!(text, "long lived tree of depth {max_depth}\t check: {}", check(&long_lived));
    text
}

fn main() {
    let a = parse_args(IMPL, &[Param::int("depth", 1, 30)]);
    let depth = a.int("depth") as u32;
    let mut text = String::new();
    let samples = run_samples(&a, || text = run(depth));
    print_result(&a, Checksum::of_output(&text), &samples, 1, None);
}
