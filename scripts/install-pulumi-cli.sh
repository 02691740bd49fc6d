#!/usr/bin/env bash
# Builds the Pulumi CLI (pinned to the @pulumi/pulumi version in package.json) from Go modules into a
# per-machine cache, plus the `pulumi-resource-pulumi-nodejs` dynamic-provider plugin shim.
#
# Usage: scripts/install-pulumi-cli.sh [--force]
#   --force   rebuild even if a working cached build exists
# Env:
#   PULUMI_TWILIO_CLI_CACHE   cache root (default: $HOME/.cache/pulumi-twilio-video/pulumi-cli)
# Output: progress on stderr; the last line of stdout is the bin dir, so callers can
#   export PATH="$(scripts/install-pulumi-cli.sh | tail -n1):$PATH"
#
# Not built: pulumi-language-nodejs. Its module (github.com/pulumi/pulumi/sdk/nodejs/cmd/
# pulumi-language-nodejs/v3) is not served by the Go module proxy this project can reach (403 for
# every version, including the v3.248.0 commit), so Pulumi programs must run inline through the
# Automation API (its in-process language server); see test/helpers/pulumiCli.ts.
set -euo pipefail

readonly PULUMI_VERSION="v3.248.0"
readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly WRAPPER_MODULE_DIR="$SCRIPT_DIR/pulumi-cli"
readonly CACHE_ROOT="${PULUMI_TWILIO_CLI_CACHE:-$HOME/.cache/pulumi-twilio-video/pulumi-cli}"
readonly BIN_DIR="$CACHE_ROOT/$PULUMI_VERSION/bin"
readonly DYNAMIC_PROVIDER_PLUGIN="$BIN_DIR/pulumi-resource-pulumi-nodejs"

readonly INSTALLER_NAME="install-pulumi-cli"
# shellcheck source=lib/installer.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/installer.sh"
parse_installer_flags "$@"

cached_build_works() {
  [[ -x "$BIN_DIR/pulumi" && -x "$DYNAMIC_PROVIDER_PLUGIN" ]] || return 1
  local reported
  reported="$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN_DIR/pulumi" version 2>/dev/null)" || return 1
  [[ "$reported" == "$PULUMI_VERSION" ]]
}

build_pulumi_cli() {
  command -v go >/dev/null || die "the 'go' toolchain is not on PATH"
  mkdir -p "$BIN_DIR"
  # -mod=mod: the wrapper's go.sum is committed, but let go fill in anything missing.
  # -buildvcs=false: the wrapper lives inside this repo; its git state is irrelevant to the binary.
  export GOFLAGS="-mod=mod -buildvcs=false"
  # The checksum database reachable here has no entry for pkg/v3@v3.248.0 (lookup answers 404);
  # go.sum still pins the hashes the module proxy served.
  export GONOSUMDB="github.com/pulumi/pulumi${GONOSUMDB:+,$GONOSUMDB}"
  local ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
  local started=$SECONDS
  log "building pulumi $PULUMI_VERSION (2 parallel jobs, niced; cold builds take several minutes)"
  (cd "$WRAPPER_MODULE_DIR" &&
    nice -n 10 go build -p 2 -trimpath -ldflags "$ldflags" -o "$BIN_DIR/pulumi.partial" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv -f "$BIN_DIR/pulumi.partial" "$BIN_DIR/pulumi"
  log "built pulumi in $((SECONDS - started))s"
}

# Upstream ships this plugin as a two-line script that assumes ./node_modules; this one resolves
# @pulumi/pulumi from the program dir (the engine starts plugins there) the way node would.
write_dynamic_provider_plugin() {
  cat >"$DYNAMIC_PROVIDER_PLUGIN.partial" <<'EOF'
#!/bin/sh
# Pulumi dynamic-provider plugin: runs @pulumi/pulumi's dynamic provider resolved from the cwd.
entry="$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider', { paths: [process.cwd()] }))")" || {
  echo "pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi from $(pwd)" >&2
  exit 1
}
exec node "$entry" "$@"
EOF
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
echo "$BIN_DIR"
