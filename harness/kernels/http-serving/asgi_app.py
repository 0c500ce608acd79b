"""The http-serving kernel's ASGI application, written as a FastAPI service would be: GET /plaintext
answers fixed bytes, GET /json returns a dict that FastAPI serializes (json.dumps with compact
separators) on every request. The same `app` object is served by uvicorn (uvicorn_server.py) and by
granian (granian_server.py)."""
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/plaintext", response_class=PlainTextResponse)
def plaintext():
    return "Hello, World!"


@app.get("/json")
def json_message():
    return {"message": "Hello, World!"}
