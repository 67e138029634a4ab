"""GET /export in every format the contract names."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from conftest import TestClient
from graphdata import ALBA
from lxml import etree


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "nodelink", "dot", "csv",
                                 "turtle", "nquads", "jsonld"])
def test_every_format(client: TestClient, fmt: str) -> None:
    r = client.get("/export", params={"format": fmt})
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    body = r.content
    if fmt in ("graphml", "gexf"):
        root = etree.fromstring(body)
        assert ALBA.encode() in etree.tostring(root)
    elif fmt in ("cytoscape", "nodelink"):
        assert ALBA in json.dumps(json.loads(body))
    elif fmt == "csv":
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        assert any(n.startswith("nodes") for n in names) and any(n.startswith("edges") for n in names)
    else:
        assert ALBA.encode() in body


def test_unknown_format(client: TestClient) -> None:
    r = client.get("/export", params={"format": "pdf"})
    assert r.status_code == 400 and "graphml" in r.json()["detail"]
