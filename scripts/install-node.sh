#!/usr/bin/env bash
# Installs Node.js release lines from npm's `node` package (one folder per major, `npm i node@MAJOR`)
# into a per-machine cache, for the tests that run a user's project on each Node the package supports.
#
# Usage: scripts/install-node.sh [--force] [--version "20 22 24"]
#   --version  the majors to install (default: 20 22 24)
#   --force    reinstall even if a working cached install exists
# Env:
#   PULUMI_TWILIO_NODE_CACHE   cache root (default: $HOME/.cache/pulumi-twilio-video/node)
# Output: progress on stderr; stdout has one line per major, "MAJOR BIN_DIR" (BIN_DIR holds `node`).
set -euo pipefail

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly INSTALLER_NAME="install-node"
# shellcheck source=lib/installer.sh
source "$SCRIPT_DIR/lib/installer.sh"
parse_installer_flags "$@"

readonly MAJORS="${requested_version:-20 22 24}"
readonly CACHE_ROOT="${PULUMI_TWILIO_NODE_CACHE:-$HOME/.cache/pulumi-twilio-video/node}"

# The `node` package's bin is a link to the platform binary its postinstall fetched.
bin_dir_of() { echo "$CACHE_ROOT/v$1/node_modules/node/bin"; }

cached_install_works() {
  local node_bin
  node_bin="$(bin_dir_of "$1")/node"
  [[ -x "$node_bin" ]] || return 1
  [[ "$("$node_bin" --version 2>/dev/null)" == "v$1."* ]]
}

for major in $MAJORS; do
  if [[ $force -eq 0 ]] && cached_install_works "$major"; then
    log "reusing cached node $major"
  else
    started=$SECONDS
    dir="$CACHE_ROOT/v$major"
    rm -rf "$dir" && mkdir -p "$dir"
    echo '{ "private": true }' >"$dir/package.json"
    log "installing node@$major from npm"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "node@$major" >&2)
    cached_install_works "$major" || die "node@$major did not install a working v$major binary"
    log "installed $("$(bin_dir_of "$major")/node" --version) in $((SECONDS - started))s"
  fi
  echo "$major $(bin_dir_of "$major")"
done
