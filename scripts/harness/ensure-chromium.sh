#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser build).
# Installs it when it is missing; needs root, as on the project's machines.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
	exit 0
fi
echo "Installing Debian's chromium for the browser tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium > /dev/null
/usr/bin/chromium --version
