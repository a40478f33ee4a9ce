"""The OpenAPI document: every /api/v1 route described (and only those), responses conform."""

from __future__ import annotations

import re

import pytest
import time_machine
from letter_samples import PDF, register, reply
from request_samples import at

from disclosure.outcomes import OUTCOME_CODES
from request_api.choices import CHANNELS
from request_api.services.events import EVENT_TYPES

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _shape(path: str) -> str:
    """Return a path with its parameters blanked: /a/<int:x>/b and /a/{y}/b give /a/{}/b."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)


@pytest.fixture
def doc(client):
    """Return the served document."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_every_api_route_is_documented_and_every_documented_route_exists(app, doc):
    routes = {
        (_shape(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - IGNORED_METHODS
    }
    documented = {(_shape(path), method) for path, ops in doc["paths"].items() for method in ops}
    assert routes == documented


def _refs(node):
    """Yield every $ref in a document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_every_reference_resolves(doc):
    for ref in _refs(doc):
        name = ref.removeprefix("#/components/schemas/")
        assert name in doc["components"]["schemas"], ref


def test_every_operation_declares_its_path_parameters_and_responses(doc):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert declared == set(re.findall(r"\{([^}]+)\}", path)), (path, method)
            assert op["summary"] and op["operationId"]
            assert any(code in op["responses"] for code in ("200", "201")), (path, method)
            for code, response in op["responses"].items():
                assert response["description"], (path, method, code)


def test_request_bodies_carry_the_enumerations(doc):
    schemas = doc["components"]["schemas"]
    event = schemas["EventInput"]
    assert event["properties"]["type"]["enum"] == list(EVENT_TYPES)
    assert event["properties"]["outcome"]["enum"] == list(OUTCOME_CODES)
    assert len(OUTCOME_CODES) == 21
    assert event["properties"]["date"]["format"] == "date"
    assert set(event["required"]) == {"type", "date"}
    application = schemas["Application"]
    assert application["properties"]["channel"]["enum"] == list(CHANNELS)
    assert application["properties"]["received_on"]["format"] == "date"


def test_error_statuses_are_documented(doc):
    events = doc["paths"]["/api/v1/requests/{id}/events"]["post"]["responses"]
    assert {"400", "401", "403", "404", "409", "413", "429"} <= set(events)
    annual = doc["paths"]["/api/v1/reports/annual/{year}"]["get"]
    assert {p["name"] for p in annual["parameters"]} == {"year", "agency"}
    assert annual["security"] == [{"bearerAuth": []}]


TYPES = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool,
         "null": type(None)}  # fmt: skip


def conforms(value, schema: dict, doc: dict, where: str = "$") -> list[str]:
    """Return how value breaks schema (type, required, enum, properties, items, $ref)."""
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    problems = []
    types = schema.get("type")
    if types is not None:
        allowed = tuple(TYPES[t] for t in ([types] if isinstance(types, str) else types))
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in enum")
    if isinstance(value, dict):
        problems += [
            f"{where}.{key}: missing" for key in schema.get("required", ()) if key not in value
        ]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                problems += conforms(value[key], sub, doc, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += conforms(item, schema["items"], doc, f"{where}[{i}]")
    return problems


@time_machine.travel(at(2026, 3, 20), tick=False)
def test_responses_conform_to_their_documented_schemas(client, auth, doc):
    auth.create()
    receipt = register(client, auth, "clerk", "2026-03-02")
    assert conforms(receipt, {"$ref": "#/components/schemas/Receipt"}, doc) == []
    response = reply(client, auth, receipt["id"], "2026-03-10", files=[("材料.pdf", PDF)])
    assert response.status_code == 303
    detail = client.get(f"/api/v1/requests/{receipt['id']}", headers=auth.headers()).get_json()
    assert conforms(detail, {"$ref": "#/components/schemas/Request"}, doc) == []
    tracked = client.get(f"/api/v1/track/{receipt['tracking_code']}").get_json()
    assert tracked["letters"][0]["files"][0]["url"]
    assert conforms(tracked, {"$ref": "#/components/schemas/Tracking"}, doc) == []
    report = client.get("/api/v1/reports/annual/2026?agency=czj", headers=auth.headers())
    assert conforms(report.get_json(), {"$ref": "#/components/schemas/AnnualReport"}, doc) == []


def test_error_responses_conform(client, auth, doc):
    auth.create()
    error = {"$ref": "#/components/schemas/Error"}
    bad = client.post("/api/v1/requests", json={"name": "张某"}).get_json()
    assert conforms(bad, error, doc) == [] and bad["fields"]
    unauthorised = client.get("/api/v1/requests/1").get_json()
    assert conforms(unauthorised, error, doc) == []
    no_query = client.get("/api/v1/search").get_json()
    assert conforms(no_query, error, doc) == []
