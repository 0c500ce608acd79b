//! Token ids of the whole corpus with the tokenizers crate's `encode_batch` on CLAIMBENCH_THREADS
//! threads (the crate's Rayon pool, sized by RAYON_NUM_THREADS, which the harness sets to the same
//! count). Usage: batch WARMUP SAMPLES size vocab docs   (corpus path in CLAIMBENCH_DATASET)

use claimbench_protocol::{Checksum, Work, parse_args, print_result, run_samples, thread_count};
use claimbench_tokenizer::{PARAMS, digest, load};
use tokenizers::Tokenizer;
use tokenizers::models::ModelWrapper;

const IMPL: &str = "rust-batch";

fn main() {
    let a = parse_args(IMPL, &PARAMS);
    let threads = thread_count(IMPL);
    if std::env::var("RAYON_NUM_THREADS").ok().as_deref() != Some(threads.to_string().as_str()) {
        eprintln!("{IMPL}: RAYON_NUM_THREADS must equal CLAIMBENCH_THREADS ({threads}): the crate's Rayon pool is sized by it when first used");
        std::process::exit(2);
    }
    let data = load(IMPL, a.int("size"));
    let tok = Tokenizer::from_file(&data.tokenizer_json).unwrap_or_else(|e| {
        eprintln!("{IMPL}: {}: {e}", data.tokenizer_json.display());
        std::process::exit(2)
    });
    let texts: Vec<&str> = data.texts.iter().map(String::as_str).collect();
    let mut ids: Vec<Vec<u32>> = Vec::new();
    let samples = run_samples(&a, || {
        // Every sample starts with an empty word cache (see python_slow.py).
        if let ModelWrapper::BPE(bpe) = tok.get_model() {
            bpe.clear_cache();
        }
        let encodings = tok.encode_batch(texts.clone(), false).expect("encode_batch");
        ids = encodings.iter().map(|e| e.get_ids().to_vec()).collect();
    });
    let tokens = ids.iter().map(Vec::len).sum::<usize>() as u64;
    print_result(&a, Checksum::Digest(digest(&ids)), &samples, threads, Some(&Work { bytes: Some(data.bytes), tokens: Some(tokens), ..Work::default() }));
}
