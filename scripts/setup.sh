#!/usr/bin/env bash
# Installs every build and test dependency from Debian's packages. Safe to run twice.
set -euo pipefail

packages=(
  cmake g++ make pkg-config git ca-certificates
  libboost-dev libcpprest-dev libssl-dev nlohmann-json3-dev
  libspdlog-dev libyaml-cpp-dev libcli11-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium libpng-dev
  libsystemd-dev systemd prometheus
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages (${missing[*]}); run this script as root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "setup: installed ${missing[*]}"
