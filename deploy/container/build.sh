#!/usr/bin/env bash
# Builds the forecast container image as a tarball, without a container daemon and without mcr.microsoft.com:
#   1. base-from-debian.sh: a base image from Debian's packages (glibc, ICU, OpenSSL, certificates, fontconfig and the
#      Noto CJK fonts, so Chinese charts render), as an OCI layout;
#   2. registry.py serves it on 127.0.0.1 for the SDK's container build to pull;
#   3. dotnet publish /t:PublishContainer: the app self-contained (its own .NET runtime) and precompiled as one
#      composite ReadyToRun image (faster start than per-assembly ReadyToRun), on that base, written to the tarball;
#   4. the image is checked: its layers unpacked into a folder, `forecast --help` and a 2,000-path Liaocheng run with
#      Chinese charts run inside it (chroot), so a broken entry point or a missing library fails here, not on the cluster.
#
# usage: deploy/container/build.sh [out.tar.gz] [debian mirror]     (as root, from the repository root; ~10 min)
# Load it with `docker load < out.tar.gz` or push it with `skopeo copy oci-archive:out.tar.gz docker://registry/forecast:1.0.0`.
set -euo pipefail
out=$(realpath -m "${1:-artifacts/forecast-image.tar.gz}")
mirror=${2:-http://deb.debian.org/debian}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
port=${FORECAST_REGISTRY_PORT:-5000}
work=$(mktemp -d)
registry=
cleanup() {
  [ -n "$registry" ] && kill "$registry" 2> /dev/null || true
  for m in proc dev; do umount "$work/rootfs/$m" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "1/4 base image from Debian's packages ($mirror)"
"$here/base-from-debian.sh" "$work/base" "$mirror"
echo "2/4 serving it on 127.0.0.1:$port"
python3 "$here/registry.py" "$work/base" "$port" 2> "$work/registry.log" &
registry=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" > /dev/null && break; sleep 0.1; done
echo "3/4 dotnet publish /t:PublishContainer"
mkdir -p "$(dirname "$out")"
dotnet publish "$root/Forecast.Runner" -c Release -r linux-x64 --self-contained -p:PublishReadyToRunComposite=true \
  /t:PublishContainer -p:ContainerBaseImage=localhost:$port/forecast-base:bookworm -p:ContainerArchiveOutputPath="$out" \
  -v quiet -nologo
echo "4/4 checking the image: its entry point and a run inside it"
mkdir -p "$work/image" "$work/rootfs"
tar -xf "$out" -C "$work/image"
python3 - "$work/image" > "$work/layers" <<'PY'
import json, sys
image = sys.argv[1]
blob = lambda d: f"{image}/blobs/sha256/{d[7:]}"
manifest = json.load(open(blob(json.load(open(f"{image}/index.json"))["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
print(" ".join(config["Entrypoint"]))
for layer in manifest["layers"]: print(blob(layer["digest"]))
PY
entry=$(head -1 "$work/layers")
tail -n +2 "$work/layers" | while read -r layer; do tar -xzf "$layer" -C "$work/rootfs"; done
mkdir -p "$work/rootfs/data" "$work/rootfs/proc" "$work/rootfs/dev"
cp -r "$root/scenarios" "$work/rootfs/data/"
mount -t proc proc "$work/rootfs/proc"
mount --bind /dev "$work/rootfs/dev"
chroot "$work/rootfs" "$entry" --help > /dev/null
chroot "$work/rootfs" "$entry" run /data/scenarios/liaocheng-2025.yaml --paths 2000 --lang zh --out /data/out > "$work/run.log"
test -s "$work/rootfs/data/out/plots/fan-hightech_enterprises.png"
echo "image: $out ($(du -h "$out" | cut -f1)); entry point $entry; a 2,000-path run inside it wrote $(find "$work/rootfs/data/out" -type f | wc -l) files"
