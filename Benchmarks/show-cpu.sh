#!/usr/bin/env bash
# The show's own CPU cost (screen + customers + /stats polling; the cafés are separate processes), as
# README reports it: at 10 fps with the door paused, and at 200 customers/s into both cafés.
#   Benchmarks/show-cpu.sh [path/to/barista]     (default .build/release/barista; needs tmux)
set -euo pipefail
bin=$(realpath "${1:-.build/release/barista}")
seconds=10
sock="barista-show-cpu-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true' EXIT
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
percent_of_core() {  # pid -> % of one core over $seconds
  local before after
  before=$(cpu_ticks "$1"); sleep "$seconds"; after=$(cpu_ticks "$1")
  awk -v d="$((after - before))" -v t="$ticks" -v s="$seconds" 'BEGIN { printf "%.1f", 100 * d / (t * s) }'
}
# 32 baristas keep the sync café steady at 200/s, so the show draws a busy but stable scene.
tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
  "exec env TERM=xterm-256color LANG=C.UTF-8 $bin --rate 200/s --workers 32 --fps 10 --sync-port 0 --async-port 0"
sleep 4
pid=$(tmux -L "$sock" display-message -p '#{pane_pid}')
busy=$(percent_of_core "$pid")
tmux -L "$sock" send-keys Space
sleep 3
idle=$(percent_of_core "$pid")
tmux -L "$sock" send-keys q
echo "barista show CPU on $(nproc) cores, 120x40 at 10 fps, measured over ${seconds}s each:"
echo "  door paused (idle load):        ${idle}% of one core   (target < 5%)"
echo "  200 customers/s into both cafés: ${busy}% of one core   (screen + load generator + polling)"
