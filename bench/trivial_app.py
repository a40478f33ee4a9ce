"""A trivial Flask app served like the service: the ratio baseline of bench/load.py."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """Answer with a tiny constant body."""
    return "ok"
