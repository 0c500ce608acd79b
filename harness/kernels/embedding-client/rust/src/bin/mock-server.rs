//! The embedding-client kernel's fixed server: an OpenAI-compatible `POST /v1/embeddings` on
//! 127.0.0.1 that answers every input with a fixed vector chosen by the input's text (so a
//! client's output can be checked), in `float` (JSON numbers) or `base64` (little-endian f32)
//! encoding as the request asks. Every vector is serialized once at start, so a request costs the
//! server its JSON parsing and a copy. `GET /health` answers when it is ready; `GET /stats` counts
//! requests and inputs. Invoked by the harness as `mock-server PORT INPUTS BATCH CONCURRENCY
//! DIMENSIONS` (the kernel's parameters; only DIMENSIONS matters to it); runs until signalled,
//! with CLAIMBENCH_THREADS tokio workers (default 1).
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt as _;
use axum::{Json, Router};
use base64::Engine as _;
use claimbench_embedding_client::{TABLE_ROWS, component, fnv1a};
use serde::Deserialize;

struct Table {
    dims: usize,
    /// Row r as a JSON array of numbers, and as a JSON string of base64.
    as_json: Vec<String>,
    as_base64: Vec<String>,
    requests: AtomicU64,
    inputs: AtomicU64,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Input {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct EmbeddingsRequest {
    input: Input,
    model: String,
    encoding_format: Option<String>,
    dimensions: Option<usize>,
}

fn error(status: StatusCode, message: String) -> Response {
    let body = serde_json::json!({ "error": { "message": message, "type": "invalid_request_error" } });
    (status, Json(body)).into_response()
}

async fn embeddings(State(t): State<Arc<Table>>, Json(req): Json<EmbeddingsRequest>) -> Response {
    let inputs = match req.input {
        Input::One(s) => vec![s],
        Input::Many(v) => v,
    };
    if inputs.is_empty() {
        return error(StatusCode::BAD_REQUEST, "input must not be empty".into());
    }
    if let Some(d) = req.dimensions {
        if d != t.dims {
            return error(StatusCode::BAD_REQUEST, format!("this server returns {} dimensions, the request asks for {d}", t.dims));
        }
    }
    let base64 = match req.encoding_format.as_deref() {
        None | Some("float") => false,
        Some("base64") => true,
        Some(other) => return error(StatusCode::BAD_REQUEST, format!("encoding_format must be float or base64, got {other:?}")),
    };
    let rows = if base64 { &t.as_base64 } else { &t.as_json };
    let mut body = String::with_capacity(inputs.len() * (rows[0].len() + 48) + 128);
    body.push_str("{\"object\":\"list\",\"data\":[");
    let mut tokens = 0usize;
    for (i, text) in inputs.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str("{\"object\":\"embedding\",\"index\":");
        body.push_str(&i.to_string());
        body.push_str(",\"embedding\":");
        body.push_str(&rows[(fnv1a(text.as_bytes()) % TABLE_ROWS as u64) as usize]);
        body.push('}');
        tokens += text.split_whitespace().count().max(1);
    }
    body.push_str("],\"model\":");
    body.push_str(&serde_json::to_string(&req.model).unwrap_or_else(|_| "\"\"".into()));
    body.push_str(&format!(",\"usage\":{{\"prompt_tokens\":{tokens},\"total_tokens\":{tokens}}}}}"));
    t.requests.fetch_add(1, Ordering::Relaxed);
    t.inputs.fetch_add(inputs.len() as u64, Ordering::Relaxed);
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn stats(State(t): State<Arc<Table>>) -> Response {
    let body = format!("{{\"requests\":{},\"inputs\":{}}}", t.requests.load(Ordering::Relaxed), t.inputs.load(Ordering::Relaxed));
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn usage(msg: &str) -> ! {
    eprintln!("mock-server: {msg}\nusage: mock-server PORT INPUTS BATCH CONCURRENCY DIMENSIONS");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 5 {
        usage(&format!("expected 5 arguments, got {}", args.len()));
    }
    let port: u16 = args[0].parse().ok().filter(|&p| p > 0).unwrap_or_else(|| usage("PORT must be an integer from 1 to 65535"));
    let dims: usize = args[4].parse().ok().filter(|&d| (1..=8192).contains(&d)).unwrap_or_else(|| usage("DIMENSIONS must be an integer from 1 to 8192"));
    let mut as_json = Vec::with_capacity(TABLE_ROWS);
    let mut as_base64 = Vec::with_capacity(TABLE_ROWS);
    for row in 0..TABLE_ROWS {
        let v: Vec<f32> = (0..dims).map(|j| component(row, j)).collect();
        // f64 Display of a multiple of 1/256 is its exact decimal (no f32 shortest-form rounding).
        let nums: Vec<String> = v.iter().map(|&x| format!("{}", f64::from(x))).collect();
        as_json.push(format!("[{}]", nums.join(",")));
        let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        as_base64.push(format!("\"{}\"", base64::engine::general_purpose::STANDARD.encode(bytes)));
    }
    let table = Arc::new(Table { dims, as_json, as_base64, requests: AtomicU64::new(0), inputs: AtomicU64::new(0) });
    let threads: usize = std::env::var("CLAIMBENCH_THREADS").ok().and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or(1);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_io().build().expect("tokio runtime");
    runtime.block_on(async move {
        let app = Router::new()
            .route("/v1/embeddings", post(embeddings))
            .route("/health", get(|| async { "ok" }))
            .route("/stats", get(stats))
            .layer(axum::extract::DefaultBodyLimit::max(64 << 20))
            .with_state(table);
        let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("mock-server: cannot listen on 127.0.0.1:{port}: {e}");
                std::process::exit(1);
            }
        };
        // TCP_NODELAY, as production servers set it: an answer written in two parts is not held back
        // waiting for the client's delayed ACK.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("mock-server: server error: {e}");
            std::process::exit(1);
        }
    });
}
