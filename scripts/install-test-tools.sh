#!/usr/bin/env bash
# The tools two test groups need, installed once into ~/.cache/pulumi-twilio-video (a cache hit takes
# well under a second): the pulumi CLI built from Go modules (test/engine) and moto in a Python venv
# (the IAM policy test). A failed install does not stop `npm test`: the tests that need the tool fail
# on their own and name the script to run.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-pulumi-cli.sh >/dev/null ||
  echo "install-test-tools: the pulumi CLI build failed; the engine tests (test/engine) will fail" >&2
bash scripts/install-moto.sh >/dev/null ||
  echo "install-test-tools: the moto install failed; the IAM policy tests will fail" >&2
exit 0
