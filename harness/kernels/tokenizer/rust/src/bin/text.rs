//! Token ids of every text of the corpus with the tokenizers crate, one `encode` per text, one thread.
//! Usage: text WARMUP SAMPLES size vocab docs   (corpus path in CLAIMBENCH_DATASET)

use claimbench_protocol::{Checksum, Work, parse_args, print_result, run_samples};
use claimbench_tokenizer::{PARAMS, digest, load};
use tokenizers::Tokenizer;
use tokenizers::models::ModelWrapper;

const IMPL: &str = "rust-text";

fn main() {
    let a = parse_args(IMPL, &PARAMS);
    let data = load(IMPL, a.int("size"));
    let tok = Tokenizer::from_file(&data.tokenizer_json).unwrap_or_else(|e| {
        eprintln!("{IMPL}: {}: {e}", data.tokenizer_json.display());
        std::process::exit(2)
    });
    let mut ids: Vec<Vec<u32>> = Vec::new();
    let samples = run_samples(&a, || {
        // Every sample starts with an empty word cache (see python_slow.py).
        if let ModelWrapper::BPE(bpe) = tok.get_model() {
            bpe.clear_cache();
        }
        ids = data.texts.iter().map(|t| tok.encode(t.as_str(), false).expect("encode").get_ids().to_vec()).collect();
    });
    let tokens = ids.iter().map(Vec::len).sum::<usize>() as u64;
    print_result(&a, Checksum::Digest(digest(&ids)), &samples, 1, Some(&Work { bytes: Some(data.bytes), tokens: Some(tokens), ..Work::default() }));
}
