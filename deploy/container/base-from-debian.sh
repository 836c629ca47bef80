#!/usr/bin/env bash
# Builds the container image's base from Debian's packages, for networks that cannot reach mcr.microsoft.com.
#
# The image (build.sh) is self-contained: it carries its own .NET runtime, so its base needs only what the runtime
# and the plots load from the system: glibc, ICU, OpenSSL, CA certificates, time zones, fontconfig and the Noto CJK
# fonts (Chinese charts). debootstrap (Debian's package) writes that root file system from the Debian mirror the
# machine already uses; this script packs it as one layer of an OCI image layout that registry.py serves on loopback.
#
# usage: deploy/container/base-from-debian.sh <layout folder> [mirror]    (as root; about 420 MB unpacked)
set -euo pipefail
layout=${1:?usage: base-from-debian.sh <layout folder> [mirror]}
mirror=${2:-http://deb.debian.org/debian}
suite=bookworm
command -v debootstrap > /dev/null || { echo "base-from-debian.sh: needs debootstrap (apt-get install -y debootstrap)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata,fontconfig,fonts-noto-cjk \
  "$suite" "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# What a container never uses: package lists and caches, documentation.
rm -rf "$work/rootfs"/var/lib/apt/lists/* "$work/rootfs"/var/cache/apt/* "$work/rootfs"/usr/share/doc/* "$work/rootfs"/usr/share/man/*
# One layer, in a fixed order with numeric owners and zeroed times (debootstrap's logs and caches still differ run to run).
tar --sort=name --numeric-owner --mtime=@0 --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$work/rootfs" -cf "$work/layer.tar" .
gzip -n -9 < "$work/layer.tar" > "$work/layer.tar.gz"
mkdir -p "$layout/blobs/sha256"
python3 - "$layout" "$work" "$suite" <<'PY'
import hashlib, json, os, shutil, sys
layout, work, suite = sys.argv[1:4]
def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
    return "sha256:" + h.hexdigest()
def put(data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(os.path.join(layout, "blobs", "sha256", digest[7:]), "wb") as f: f.write(data)
    return digest, len(data)
diff_id, layer = sha(os.path.join(work, "layer.tar")), os.path.join(work, "layer.tar.gz")
layer_digest = sha(layer)
shutil.copyfile(layer, os.path.join(layout, "blobs", "sha256", layer_digest[7:]))
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "WorkingDir": "/"},
          "rootfs": {"type": "layers", "diff_ids": [diff_id]},
          "history": [{"created_by": f"debootstrap --variant=minbase {suite} (deploy/container/base-from-debian.sh)"}]}
config_digest, config_size = put(json.dumps(config, sort_keys=True).encode())
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": os.path.getsize(layer)}]}
manifest_digest, manifest_size = put(json.dumps(manifest, sort_keys=True).encode())
with open(os.path.join(layout, "oci-layout"), "w") as f: json.dump({"imageLayoutVersion": "1.0.0"}, f)
index = {"schemaVersion": 2, "manifests": [{"mediaType": manifest["mediaType"], "digest": manifest_digest, "size": manifest_size,
         "platform": {"architecture": "amd64", "os": "linux"},
         "annotations": {"org.opencontainers.image.ref.name": suite, "forecast.repository": "forecast-base"}}]}
with open(os.path.join(layout, "index.json"), "w") as f: json.dump(index, f, indent=1)
print(f"base image forecast-base:{suite} {manifest_digest} ({os.path.getsize(layer) / 1e6:.0f} MB compressed) in {layout}")
PY
