//! The http-serving kernel in Rust: axum on a tokio runtime with the two TechEmpower-style
//! endpoints, GET /plaintext (fixed bytes) and GET /json (a small object serialized with serde_json
//! on every request). Invoked as `axum PORT ENDPOINT` (ENDPOINT names the path the harness loads;
//! both are always served); listens on 127.0.0.1:PORT only and runs until it is signalled. Uses
//! CLAIMBENCH_THREADS tokio worker threads (default 1).
use axum::{Json, Router, http::header, routing::get};
use serde::Serialize;

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port: u16 = match args.first().map(|a| a.parse()) {
        Some(Ok(p)) if p > 0 => p,
        _ => usage("PORT: an integer from 1 to 65535"),
    };
    if !matches!(args.get(1).map(String::as_str), Some("plaintext" | "json")) {
        usage("ENDPOINT: plaintext or json");
    }
    let threads: usize = std::env::var("CLAIMBENCH_THREADS").ok().and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or(1);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_io().build().expect("tokio runtime");
    runtime.block_on(async move {
        let app = Router::new()
            .route("/plaintext", get(|| async { ([(header::CONTENT_TYPE, "text/plain")], "Hello, World!") }))
            .route("/json", get(|| async { Json(Message { message: "Hello, World!" }) }));
        let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
                std::process::exit(1);
            }
        };
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("server error: {e}");
            std::process::exit(1);
        }
    });
}

fn usage(what: &str) -> ! {
    eprintln!("usage: axum PORT ENDPOINT ({what})");
    std::process::exit(2);
}
