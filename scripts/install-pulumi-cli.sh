#!/usr/bin/env bash
# Builds a Pulumi CLI version from Go modules into a per-machine cache, with the
# `pulumi-resource-pulumi-nodejs` dynamic-provider plugin shim and the Node language host
# (scripts/install-pulumi-language-nodejs.sh) beside it, so the CLI runs program folders.
#
# Usage: scripts/install-pulumi-cli.sh [--version vX.Y.Z] [--force]
#   --version  a version with a wrapper module in scripts/pulumi-cli/ (default: v3.248.0, the oldest
#              @pulumi/pulumi this package supports; v3.274.1 is the newest CI proves)
#   --force    rebuild even if a working cached build exists
# Env:
#   PULUMI_TWILIO_CLI_CACHE   cache root (default: $HOME/.cache/pulumi-twilio-video/pulumi-cli)
# Output: progress on stderr; the last line of stdout is the bin dir, so callers can
#   export PATH="$(scripts/install-pulumi-cli.sh | tail -n1):$PATH"
set -euo pipefail

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly INSTALLER_NAME="install-pulumi-cli"
# shellcheck source=lib/installer.sh
source "$SCRIPT_DIR/lib/installer.sh"
parse_installer_flags "$@"

readonly PULUMI_VERSION="${requested_version:-v3.248.0}"
readonly WRAPPER_MODULE_DIR="$SCRIPT_DIR/pulumi-cli/$PULUMI_VERSION"
readonly CACHE_ROOT="${PULUMI_TWILIO_CLI_CACHE:-$HOME/.cache/pulumi-twilio-video/pulumi-cli}"
readonly BIN_DIR="$CACHE_ROOT/$PULUMI_VERSION/bin"
readonly DYNAMIC_PROVIDER_PLUGIN="$BIN_DIR/pulumi-resource-pulumi-nodejs"
readonly LANGUAGE_HOST="$BIN_DIR/pulumi-language-nodejs"
[[ -f "$WRAPPER_MODULE_DIR/go.mod" ]] ||
  die "no wrapper module for $PULUMI_VERSION (expected $WRAPPER_MODULE_DIR/go.mod)"

cached_build_works() {
  [[ -x "$BIN_DIR/pulumi" && -x "$DYNAMIC_PROVIDER_PLUGIN" ]] || return 1
  local reported
  reported="$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN_DIR/pulumi" version 2>/dev/null)" || return 1
  [[ "$reported" == "$PULUMI_VERSION" ]]
}

build_pulumi_cli() {
  local started=$SECONDS
  log "building pulumi $PULUMI_VERSION (2 parallel jobs, niced; cold builds take several minutes)"
  go_build_wrapped "$WRAPPER_MODULE_DIR" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$BIN_DIR/pulumi" \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
  log "built pulumi $PULUMI_VERSION in $((SECONDS - started))s"
}

# Upstream ships this plugin as a two-line script that assumes ./node_modules; this one resolves
# @pulumi/pulumi from the program dir (the engine starts plugins there) the way node would.
write_dynamic_provider_plugin() {
  cat >"$DYNAMIC_PROVIDER_PLUGIN.partial" <<'SHIM'
#!/bin/sh
# Pulumi dynamic-provider plugin: runs @pulumi/pulumi's dynamic provider resolved from the cwd.
entry="$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider', { paths: [process.cwd()] }))")" || {
  echo "pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi from $(pwd)" >&2
  exit 1
}
exec node "$entry" "$@"
SHIM
  chmod +x "$DYNAMIC_PROVIDER_PLUGIN.partial"
  mv -f "$DYNAMIC_PROVIDER_PLUGIN.partial" "$DYNAMIC_PROVIDER_PLUGIN"
}

if [[ $force -eq 0 ]] && cached_build_works; then
  log "reusing cached pulumi $PULUMI_VERSION"
else
  build_pulumi_cli
  write_dynamic_provider_plugin
  cached_build_works || die "the built pulumi does not report $PULUMI_VERSION"
fi

# The CLI looks for language hosts on PATH; callers put this bin dir first.
host_flags=()
[[ $force -eq 1 ]] && host_flags+=(--force)
host_binary="$(bash "$SCRIPT_DIR/install-pulumi-language-nodejs.sh" "${host_flags[@]}" | tail -n1)"
ln -sfn "$host_binary" "$LANGUAGE_HOST"
echo "$BIN_DIR"
