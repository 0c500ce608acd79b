//! The embedding-client kernel in Rust: reqwest on tokio, as a Rust service would call an
//! OpenAI-compatible embeddings endpoint. Splits INPUTS texts into requests of BATCH, keeps at
//! most CONCURRENCY requests in flight (a semaphore), parses each answer (serde_json, `float`
//! encoding, the API's default) and folds it into the kernel's checksum. One client (connection
//! pool) for all samples; the server's address comes from CLAIMBENCH_SERVER_URL.
use std::sync::Arc;

use claimbench_embedding_client::{batch_digest, combine, input_text};
use claimbench_protocol::{Checksum, Param, Work, parse_args, print_result, run_samples, thread_count};
use serde::Deserialize;
use tokio::sync::Semaphore;

const IMPL: &str = "rust-reqwest";
const MODEL: &str = "text-embedding-3-small";

#[derive(Deserialize)]
struct Item {
    index: usize,
    embedding: Vec<f32>,
}

#[derive(Deserialize)]
struct Answer {
    data: Vec<Item>,
}

async fn one_batch(client: reqwest::Client, url: Arc<String>, texts: Vec<String>, dims: usize) -> Result<[u8; 32], String> {
    let n = texts.len();
    let body = serde_json::json!({ "input": texts, "model": MODEL, "dimensions": dims, "encoding_format": "float" });
    let res = client.post(url.as_str()).bearer_auth("dummy-key").json(&body).send().await.map_err(|e| {
        // The whole chain: reqwest's own message hides the cause (connect, reset, ...).
        let mut msg = format!("request failed: {e}");
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            msg.push_str(&format!(": {s}"));
            source = s.source();
        }
        msg
    })?;
    let status = res.status();
    if !status.is_success() {
        return Err(format!("the server answered {status}: {}", res.text().await.unwrap_or_default()));
    }
    let bytes = res.bytes().await.map_err(|e| format!("reading the answer failed: {e}"))?;
    let mut answer: Answer = serde_json::from_slice(&bytes).map_err(|e| format!("the answer is not an embeddings response: {e}"))?;
    if answer.data.len() != n {
        return Err(format!("asked for {n} embeddings, got {}", answer.data.len()));
    }
    answer.data.sort_by_key(|d| d.index);
    let vectors: Vec<Vec<f32>> = answer.data.into_iter().map(|d| d.embedding).collect();
    Ok(batch_digest(&vectors))
}

fn main() {
    let a = parse_args(IMPL, &[Param::int("inputs", 1, 1 << 24), Param::int("batch", 1, 4096), Param::int("concurrency", 1, 4096), Param::int("dimensions", 1, 8192)]);
    let (inputs, batch, concurrency, dims) = (a.int("inputs") as usize, a.int("batch") as usize, a.int("concurrency") as usize, a.int("dimensions") as usize);
    let base = match std::env::var("CLAIMBENCH_SERVER_URL") {
        Ok(u) if u.starts_with("http://127.0.0.1:") => u,
        _ => {
            eprintln!("{IMPL}: CLAIMBENCH_SERVER_URL must be the mock server's loopback address (http://127.0.0.1:PORT), set by the harness");
            std::process::exit(2);
        }
    };
    let url = Arc::new(format!("{base}/v1/embeddings"));
    let threads = thread_count(IMPL);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_all().build().expect("tokio runtime");
    let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build().expect("reqwest client");
    let texts: Vec<String> = (0..inputs).map(input_text).collect();
    let mut checksum = String::new();
    let samples = run_samples(&a, || {
        let digests = runtime.block_on(async {
            let gate = Arc::new(Semaphore::new(concurrency));
            let mut tasks = Vec::with_capacity(inputs.div_ceil(batch));
            for chunk in texts.chunks(batch) {
                let permit = gate.clone().acquire_owned().await.expect("semaphore");
                let (client, url, chunk) = (client.clone(), url.clone(), chunk.to_vec());
                tasks.push(tokio::spawn(async move {
                    let r = one_batch(client, url, chunk, dims).await;
                    drop(permit);
                    r
                }));
            }
            let mut out = Vec::with_capacity(tasks.len());
            for t in tasks {
                out.push(t.await.expect("task"));
            }
            out
        });
        let digests: Vec<[u8; 32]> = digests.into_iter().collect::<Result<_, _>>().unwrap_or_else(|e| {
            eprintln!("{IMPL}: {e}");
            std::process::exit(1)
        });
        checksum = combine(&digests);
    });
    print_result(&a, Checksum::Digest(checksum), &samples, threads, Some(&Work { items: Some(inputs as u64), ..Work::default() }));
}
