#!/usr/bin/env bash
# Builds Pulumi's Node language host, pulumi-language-nodejs (the process the CLI starts to run a
# program folder whose Pulumi.yaml says `runtime: nodejs`), from Go modules into a per-machine cache.
# scripts/install-pulumi-cli.sh links it into each CLI's bin dir, where the CLI finds it on PATH.
#
# Usage: scripts/install-pulumi-language-nodejs.sh [--force]
#   --force   rebuild even if a cached build exists
# Env:
#   PULUMI_TWILIO_LANGHOST_CACHE   cache root (default: $HOME/.cache/pulumi-twilio-video/pulumi-language-nodejs)
# Output: progress on stderr; the last line of stdout is the path of the binary.
#
# Built from sdk/v3 v3.68.0 (scripts/pulumi-language-nodejs/go.mod says why that release). The host only
# locates and starts @pulumi/pulumi's own runner (@pulumi/pulumi/cmd/run) from the program's
# node_modules, so the program runs on the SDK version the program installed.
set -euo pipefail

readonly HOST_VERSION="v3.68.0"
readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly CACHE_ROOT="${PULUMI_TWILIO_LANGHOST_CACHE:-$HOME/.cache/pulumi-twilio-video/pulumi-language-nodejs}"
readonly HOST_BIN="$CACHE_ROOT/$HOST_VERSION/bin/pulumi-language-nodejs"

readonly INSTALLER_NAME="install-pulumi-language-nodejs"
# shellcheck source=lib/installer.sh
source "$SCRIPT_DIR/lib/installer.sh"
parse_installer_flags "$@"

# The host has no --version flag; a cached build is one that starts and prints its usage.
cached_build_works() {
  [[ -x "$HOST_BIN" ]] || return 1
  local usage
  usage="$("$HOST_BIN" -help 2>&1 || true)"
  [[ "$usage" == *"-typescript"* ]]
}

if [[ $force -eq 0 ]] && cached_build_works; then
  log "reusing cached pulumi-language-nodejs $HOST_VERSION"
else
  started=$SECONDS
  log "building pulumi-language-nodejs $HOST_VERSION (2 parallel jobs, niced)"
  go_build_wrapped "$SCRIPT_DIR/pulumi-language-nodejs" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$HOST_BIN" \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$HOST_VERSION"
  log "built pulumi-language-nodejs in $((SECONDS - started))s"
  cached_build_works || die "the built pulumi-language-nodejs does not start"
fi
echo "$HOST_BIN"
