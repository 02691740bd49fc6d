#!/usr/bin/env bash
# Installs moto's standalone server (pinned `moto[server]`, a local AWS emulator that can evaluate
# IAM policies) into a Python venv in a per-machine cache, for the IAM policy evaluation tests.
#
# Usage: scripts/install-moto.sh [--force]
#   --force   recreate the venv even if a working cached install exists
# Env:
#   PULUMI_TWILIO_MOTO_CACHE   cache root (default: $HOME/.cache/pulumi-twilio-video/moto)
#   PYTHON                     interpreter that creates the venv (default: python3; needs >= 3.9)
# Output: progress on stderr; the last line of stdout is the bin dir (moto_server, and the venv's
#   python and pip, so prefer "$bin_dir/moto_server" to putting it first on PATH).
set -euo pipefail

readonly MOTO_VERSION="5.2.5"
readonly CACHE_ROOT="${PULUMI_TWILIO_MOTO_CACHE:-$HOME/.cache/pulumi-twilio-video/moto}"
readonly VENV_DIR="$CACHE_ROOT/$MOTO_VERSION"
readonly BIN_DIR="$VENV_DIR/bin"
readonly PYTHON_BIN="${PYTHON:-python3}"
# Written last: a venv without it is a half-finished install and is rebuilt.
readonly INSTALLED_MARKER="$VENV_DIR/.installed-moto-version"

# Everything moto[server] $MOTO_VERSION resolved to (pip freeze of a fresh install), so a cold install
# next month gets the same packages. Bump together with MOTO_VERSION.
readonly CONSTRAINTS="
annotated-types==0.8.0
antlr4-python3-runtime==4.13.2
attrs==26.1.0
aws-xray-sdk==2.15.0
blinker==1.9.0
boto3==1.44.5
botocore==1.44.5
certifi==2026.10.18
cffi==2.1.1
cfn-lint==1.58.0
charset-normalizer==3.5.2
click==8.5.1
cryptography==50.0.2
docker==7.2.0
Flask==3.1.3
flask-cors==6.0.5
graphql-core==3.3.2
idna==3.20
itsdangerous==2.2.0
Jinja2==3.1.6
jmespath==1.1.0
joserfc==1.8.0
jsonpatch==1.47
jsonpath-ng==1.16.0
jsonpointer==3.12
jsonschema==4.26.0
jsonschema-path==0.5.0
jsonschema-specifications==2025.9.1
lazy-object-proxy==1.13.0
MarkupSafe==3.0.4
mpmath==1.3.0
networkx==3.6.1
openapi-schema-validator==0.9.0
openapi-spec-validator==0.9.0
pathable==0.6.0
py-partiql-parser==0.6.3
pycparser==3.12
pydantic==2.14.3
pydantic-settings==2.16.3
pydantic_core==2.50.4
pyparsing==3.3.3
python-dateutil==2.9.0.post0
python-dotenv==1.2.4
PyYAML==6.0.3
referencing==0.37.0
regex==2026.11.15
requests==2.34.2
responses==0.26.3
rfc3339-validator==0.1.4
rpds-py==2026.9.1
s3transfer==0.19.3
six==1.17.0
sympy==1.14.0
typing-inspection==0.4.5
typing_extensions==4.16.0
urllib3==2.8.0
Werkzeug==3.1.9
wrapt==2.5.2
xmltodict==1.0.4
"

readonly INSTALLER_NAME="install-moto"
# shellcheck source=lib/installer.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/installer.sh"
parse_installer_flags "$@"

cached_install_works() {
  [[ -x "$BIN_DIR/moto_server" && -x "$BIN_DIR/python" ]] || return 1
  [[ "$(cat "$INSTALLED_MARKER" 2>/dev/null)" == "$MOTO_VERSION" ]] || return 1
  local reported
  reported="$("$BIN_DIR/python" -c 'import moto; print(moto.__version__)' 2>/dev/null)" || return 1
  [[ "$reported" == "$MOTO_VERSION" ]]
}

install_moto() {
  command -v "$PYTHON_BIN" >/dev/null || die "'$PYTHON_BIN' is not on PATH (set PYTHON to a Python >= 3.9)"
  local started=$SECONDS
  # Venvs are not relocatable, so it is built in place; the marker written last tells a finished
  # install from an interrupted one.
  rm -rf "$VENV_DIR"
  mkdir -p "$CACHE_ROOT"
  log "creating a venv for moto[server]==$MOTO_VERSION with $("$PYTHON_BIN" --version 2>&1)"
  "$PYTHON_BIN" -m venv "$VENV_DIR"
  local constraints="$VENV_DIR/constraints.txt"
  printf '%s\n' "$CONSTRAINTS" >"$constraints"
  log "pip installing moto[server]==$MOTO_VERSION (cold installs take about 30 s)"
  "$BIN_DIR/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --constraint "$constraints" "moto[server]==$MOTO_VERSION" >&2 ||
    { rm -rf "$VENV_DIR"; die "pip could not install moto[server]==$MOTO_VERSION"; }
  echo "$MOTO_VERSION" >"$INSTALLED_MARKER"
  log "installed moto $MOTO_VERSION in $((SECONDS - started))s"
}

if [[ $force -eq 0 ]] && cached_install_works; then
  log "reusing cached moto $MOTO_VERSION"
else
  install_moto
  cached_install_works || die "the installed moto does not report $MOTO_VERSION"
fi
echo "$BIN_DIR"
