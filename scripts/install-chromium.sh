#!/usr/bin/env bash
# Installs Debian's `chromium` package (headless Chromium for
# scripts/check-html.sh) unless a chromium is already on PATH.
#
# Needs root (CI and the project's machines run as root); prints what it
# does and exits non-zero if chromium cannot be installed.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    echo "chromium already installed: $(chromium --version 2>/dev/null || echo unknown version)"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing chromium needs root; run: sudo $0" >&2
    exit 2
fi

echo "installing Debian's chromium package…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
echo "installed: $(chromium --version)"
