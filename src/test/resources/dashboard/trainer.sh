#!/usr/bin/env bash
# The dashboard browser test's trainer, run by local mode as a process: prints a learning curve
# (step=N score=V, one line every 0.1 s), writes the final score as its termination message,
# and fails on purpose at step 8 of trials 2 and 7.
set -euo pipefail
steps=30
x=${HYPERSWEEP_PARAM_X:?}
for ((s = 1; s <= steps; s++)); do
  if [[ ${HYPERSWEEP_TRIAL_NUMBER:-0} == 2 || ${HYPERSWEEP_TRIAL_NUMBER:-0} == 7 ]] && ((s == 8)); then
    echo "trial $HYPERSWEEP_TRIAL_NUMBER diverged" >&2
    exit 1
  fi
  awk -v x="$x" -v s="$s" -v n="$steps" 'BEGIN { printf "step=%d score=%.6f\n", s, x * (0.5 + s / (2 * n)) }'
  sleep 0.1
done
awk -v x="$x" 'BEGIN { printf "score=%.6f\n", x }' >"${HYPERSWEEP_TERMINATION_MESSAGE_PATH:?}"
