"""The http-serving kernel's ASGI application, written as a FastAPI service would be: GET /plaintext
answers fixed bytes, GET /json returns a dict that FastAPI serializes (json.dumps with compact
separators) on every request. The handlers are `async def`, as in FastAPI's own examples and the
TechEmpower FastAPI entries: a plain `def` handler is handed to a worker thread on every request
(anyio's thread pool), a cost a handler that never blocks does not need and that a first run of
this kernel, with `def` handlers, showed as FastAPI answering fewer requests per second than the
standard library's threading server. The same `app` object is served by uvicorn (uvicorn_server.py) and by
granian (granian_server.py)."""
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext():
    return "Hello, World!"


@app.get("/json")
async def json_message():
    return {"message": "Hello, World!"}
