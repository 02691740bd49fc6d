#!/usr/bin/env bash
# Scheduled drift check: for each stack, `pulumi preview --refresh --expect-no-changes --diff` reads
# every object from Twilio (and AWS) and compares it with the program. A change made outside Pulumi
# (the Twilio console, a script) shows up as a diff, printed here, and fails the check; nothing is
# written anywhere (a preview's refresh does not save state). scripts/promote.sh STACK repairs it.
#
# Usage: scripts/drift-check.sh [STACK...]   (default: dev staging prod)
# Exit status: 0 when no stack drifted; 1 when any stack drifted or could not be checked (every stack
# is checked either way, and the last line names the ones that failed).
set -uo pipefail
cd "$(dirname "$0")/.."

stacks=("$@")
[[ ${#stacks[@]} -gt 0 ]] || stacks=(dev staging prod)

drifted=()
for stack in "${stacks[@]}"; do
  echo "=== drift check: $stack"
  if ! pulumi preview --refresh --expect-no-changes --diff --non-interactive --stack "$stack"; then
    drifted+=("$stack")
  fi
done

if [[ ${#drifted[@]} -gt 0 ]]; then
  echo "drift check FAILED: ${drifted[*]} differ from the program or could not be checked (see the diffs above; scripts/promote.sh STACK puts the program's configuration back)"
  exit 1
fi
echo "drift check passed: ${stacks[*]} match the program"
