# Shared by the cached tool installers (install-pulumi-cli.sh, install-moto.sh, ...): logging to stderr
# (stdout is reserved for the bin dir), the `--force` / `--help` flags and an optional `--version V`.
# Source it after setting INSTALLER_NAME; parse_installer_flags "$@" sets `force` to 0 or 1 and
# `requested_version` to V or "".

log() { echo "$INSTALLER_NAME: $*" >&2; }
die() { log "error: $*"; exit 1; }

parse_installer_flags() {
  force=0
  requested_version=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --force) force=1 ;;
      --version)
        [[ $# -ge 2 ]] || die "--version needs a value"
        requested_version="$2"
        shift ;;
      # The installer's header comment (from line 2 to the first line that is not a comment) is its help.
      -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
      *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
  done
}

# Runs `go build` of one package of a wrapper module under scripts/ into $out (atomically).
# The wrapper's go.sum is committed; -mod=mod lets go fill in anything missing, -buildvcs=false
# because the wrapper lives inside this repo and its git state is irrelevant to the binary. The
# checksum database reachable here has no entry for some pulumi releases (lookup answers 404), so
# pulumi's modules skip it; go.sum still pins the hashes the module proxy served.
go_build_wrapped() {
  local module_dir="$1" package="$2" out="$3" ldflags="$4"
  command -v go >/dev/null || die "the 'go' toolchain is not on PATH"
  mkdir -p "$(dirname "$out")"
  (cd "$module_dir" &&
    GOFLAGS="-mod=mod -buildvcs=false" \
    GONOSUMDB="github.com/pulumi/pulumi${GONOSUMDB:+,$GONOSUMDB}" \
    nice -n 10 go build -p 2 -trimpath -ldflags "$ldflags" -o "$out.partial" "$package")
  mv -f "$out.partial" "$out"
}
