#!/usr/bin/env bash
# The tools the test groups need, installed once into ~/.cache/pulumi-twilio-video (a cache hit takes
# well under a second): the pulumi CLI v3.248.0 and v3.274.1 built from Go modules, each with the
# Node language host beside it (test/engine, test/cli), Node 20/22/24 from npm's `node` package (the
# packed-package test, test/cli) and moto in a Python venv (the IAM policy test). A failed install
# does not stop `npm test`: the tests that need the tool fail on their own and name the script to run.
set -uo pipefail
cd "$(dirname "$0")/.."

for version in v3.248.0 v3.274.1; do
  bash scripts/install-pulumi-cli.sh --version "$version" >/dev/null ||
    echo "install-test-tools: the pulumi CLI $version build failed; the engine and CLI tests will fail" >&2
done
bash scripts/install-node.sh >/dev/null ||
  echo "install-test-tools: the Node installs failed; the packed-package tests will fail" >&2
bash scripts/install-moto.sh >/dev/null ||
  echo "install-test-tools: the moto install failed; the IAM policy tests will fail" >&2
exit 0
