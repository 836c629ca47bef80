#!/usr/bin/env python3
"""A read-only container registry on loopback, serving the images of one OCI layout folder.

The SDK's container build (dotnet publish /t:PublishContainer) pulls its base image over the Docker Registry HTTP API
v2; where mcr.microsoft.com cannot be reached (an air-gapped network), this serves a base image built here from
Debian's packages (base-from-debian.sh). It answers only what a pull asks: /v2/, manifests by tag or digest, blobs by
digest. Nothing is written; names and digests are checked against the layout's index, so no path is read that a
client chose.

usage: registry.py <oci-layout-folder> [port]   (binds 127.0.0.1 only)
"""
import http.server
import json
import os
import re
import sys

LAYOUT = os.path.abspath(sys.argv[1])
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
NAME = re.compile(r"^[a-z0-9]+(?:[._/-][a-z0-9]+)*$")


def index():
    with open(os.path.join(LAYOUT, "index.json"), encoding="utf-8") as f:
        return json.load(f)


def blob_path(digest):
    if not DIGEST.match(digest):
        return None
    path = os.path.join(LAYOUT, "blobs", "sha256", digest[len("sha256:"):])
    return path if os.path.isfile(path) else None


class Registry(http.server.BaseHTTPRequestHandler):
    def _send(self, code, body=b"", content_type="application/json", digest=None):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        if digest:
            self.send_header("Docker-Content-Digest", digest)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        if self.path in ("/v2", "/v2/"):
            return self._send(200, b"{}")
        m = re.match(r"^/v2/(.+)/(manifests|blobs)/([^/]+)$", self.path)
        if not m or not NAME.match(m.group(1)):
            return self._send(404, b'{"errors":[{"code":"NAME_UNKNOWN"}]}')
        name, kind, ref = m.groups()
        if kind == "manifests":
            for entry in index().get("manifests", []):
                tag = entry.get("annotations", {}).get("org.opencontainers.image.ref.name")
                if entry.get("annotations", {}).get("forecast.repository") == name and ref in (tag, entry["digest"]):
                    path = blob_path(entry["digest"])
                    with open(path, "rb") as f:
                        return self._send(200, f.read(), entry["mediaType"], entry["digest"])
            return self._send(404, b'{"errors":[{"code":"MANIFEST_UNKNOWN"}]}')
        path = blob_path(ref)
        if path is None:
            return self._send(404, b'{"errors":[{"code":"BLOB_UNKNOWN"}]}')
        with open(path, "rb") as f:
            return self._send(200, f.read(), "application/octet-stream", ref)

    do_HEAD = do_GET

    def log_message(self, fmt, *args):
        sys.stderr.write("registry: " + (fmt % args) + "\n")


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Registry).serve_forever()
