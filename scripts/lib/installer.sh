# Shared by the cached tool installers (install-pulumi-cli.sh, install-moto.sh): logging to stderr
# (stdout is reserved for the bin dir) and the `--force` / `--help` flags.
# Source it after setting INSTALLER_NAME; parse_installer_flags "$@" sets `force` to 0 or 1.

log() { echo "$INSTALLER_NAME: $*" >&2; }
die() { log "error: $*"; exit 1; }

parse_installer_flags() {
  force=0
  for arg in "$@"; do
    case "$arg" in
      --force) force=1 ;;
      # The installer's own header comment (lines 2-11) is its help text.
      -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
      *) die "unknown argument: $arg (see --help)" ;;
    esac
  done
}
