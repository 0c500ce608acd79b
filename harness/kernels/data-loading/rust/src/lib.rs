//! The data-loading pipeline in Rust with the crates the Python side calls into: serde_json to parse
//! each JSONL record, Hugging Face `tokenizers` (the data set's own tokenizer, from its first line)
//! to tokenise the text, then packing the ids into fixed-length blocks. Records are parsed and
//! tokenised on a rayon pool of CLAIMBENCH_THREADS threads (1 for `rust`, every CPU for
//! `rust-threads`) and packed in record order; the checksum is the SHA-256 of the blocks as
//! little-endian u32 ids, as in ../common.py.

use claimbench_protocol::{Checksum, Param, Work, parse_args, print_result, run_samples, thread_count};
use rayon::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::process::exit;
use std::str::FromStr;
use tokenizers::Tokenizer;
use tokenizers::models::ModelWrapper;

const REGENERATE: &str = "npm run harness -- --kernel data-loading --fresh";

/// The part of a record the pipeline uses (serde skips the other fields).
#[derive(Deserialize)]
struct Record {
    text: String,
}

/// Concatenates the records' ids, each followed by `eos`, into `block`-id blocks (tail dropped).
pub fn pack(streams: &[Vec<u32>], eos: u32, block: usize) -> Vec<Vec<u32>> {
    let mut flat = Vec::with_capacity(streams.iter().map(|s| s.len() + 1).sum());
    for s in streams {
        flat.extend_from_slice(s);
        flat.push(eos);
    }
    flat.chunks_exact(block).map(<[u32]>::to_vec).collect()
}

pub fn blocks_digest(blocks: &[Vec<u32>]) -> String {
    let mut h = Sha256::new();
    for b in blocks {
        for id in b {
            h.update(id.to_le_bytes());
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn fail(impl_id: &str, msg: String) -> ! {
    eprintln!("{impl_id}: {msg}");
    exit(2)
}

/// The whole program of `rust` and `rust-threads` (they differ in CLAIMBENCH_THREADS only).
pub fn run(impl_id: &str) {
    let a = parse_args(impl_id, &[Param::int("records", 1, 100_000_000), Param::int("block", 2, 1 << 20)]);
    let (n, block) = (a.int("records") as usize, a.int("block") as usize);
    let threads = thread_count(impl_id);
    let path = std::env::var("CLAIMBENCH_DATASET").unwrap_or_else(|_| fail(impl_id, "CLAIMBENCH_DATASET is not set (the harness passes the data set's path)".into()));
    let data = std::fs::read(&path).unwrap_or_else(|e| fail(impl_id, format!("cannot read the data set {path}: {e}")));
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let header = std::str::from_utf8(&data[..split]).unwrap_or_else(|_| fail(impl_id, format!("the data set {path} does not start with a UTF-8 tokenizer line (regenerate it: {REGENERATE})")));
    let lines: Vec<&[u8]> = data.get(split + 1..).unwrap_or(&[]).split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    if lines.len() != n {
        fail(impl_id, format!("the data set {path} has {} records after its tokenizer line, expected records={n} (regenerate it: {REGENERATE})", lines.len()));
    }
    let tok = Tokenizer::from_str(header).unwrap_or_else(|e| fail(impl_id, format!("the data set's tokenizer line is not a tokenizer: {e} (regenerate it: {REGENERATE})")));
    let eos = tok.token_to_id("<eos>").unwrap_or_else(|| fail(impl_id, format!("the data set's tokenizer has no <eos> token (regenerate it: {REGENERATE})")));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a rayon pool");
    let mut out: Vec<Vec<u32>> = Vec::new();
    let samples = run_samples(&a, || {
        // A cold word cache in every sample (see common.py, BPE).
        if let ModelWrapper::BPE(bpe) = tok.get_model() {
            bpe.clear_cache();
        }
        let ids: Vec<Vec<u32>> = pool.install(|| {
            lines
                .par_iter()
                .map(|line| {
                    let r: Record = serde_json::from_slice(line).expect("a record line is JSON with a text");
                    tok.encode(r.text.as_str(), false).expect("tokenizing a text").get_ids().to_vec()
                })
                .collect()
        });
        out = pack(&ids, eos, block);
    });
    let work = Work { records: Some(n as u64), ..Work::default() };
    print_result(&a, Checksum::Digest(blocks_digest(&out)), &samples, threads, Some(&work));
}
