"""A tiny Flask app with the service's limited paths and the security layer, for security tests."""

from flask import Flask, jsonify, render_template_string, request, send_from_directory

from request_api.security import honeypot_and_timing_ok
from request_api.security import init_app as init_security


def make_app(tmp_path, **config) -> Flask:
    """Build a tiny app with the service's limited paths and the security layer."""
    app = Flask(__name__)
    app.config.update(TESTING=True, SECRET_KEY="test-secret", DISCLOSURE_ENV="testing")
    app.config.update(config)
    (tmp_path / "index.html").write_text("<p>首页</p>", encoding="utf-8")

    @app.route("/apply", methods=["GET", "POST"])
    def apply():
        if request.method == "POST":
            return render_template_string(
                "{{ problem or 'ok' }}", problem=honeypot_and_timing_ok(request.form)
            )
        return render_template_string("<form>{{ form_guard_fields() }}</form>")

    @app.post("/api/v1/requests")
    def api_requests():
        return jsonify(size=len(request.get_data())), 201

    @app.route("/track", methods=["GET", "POST"])
    def track():
        return "track"

    @app.get("/api/v1/track/<code>")
    def api_track(code):
        return jsonify(code=code)

    @app.get("/search")
    def search():
        return "search"

    @app.get("/api/v1/search")
    def api_search():
        return jsonify(results=[])

    @app.route("/staff/login", methods=["GET", "POST"])
    def login():
        return "login"

    @app.get("/")
    def static_home():
        return send_from_directory(tmp_path, "index.html")

    init_security(app)
    return app


def fetch(client, path, **kwargs):
    """GET a path, read the body and close the response (file responses hold a handle)."""
    response = client.get(path, **kwargs)
    response.get_data()
    response.close()
    return response


def limited_client(tmp_path, **config):
    config = {"RATELIMIT_ENABLED": True, **config}
    return make_app(tmp_path, **config).test_client()
