# Sourced by the scripts that run a real window. Needs $work (a temporary
# folder); sets $xvfb_pid and exports DISPLAY.
#
#   start_xvfb NAME   start an X server and wait until it takes connections
#   xvfb_ensure NAME  before a window starts: if the server has gone (killed
#                     by something else on the machine, crashed), say so with
#                     its log and start another, at most twice a run
#   log_head FILE     a program's first lines again, after all of it: a Go
#                     crash prints its reason first and CI shows an output's end
#
# -displayfd: Xvfb picks a display no one else on this machine uses and says
# which, once it accepts connections. -noreset: by default the server resets
# itself whenever its last client leaves, and a window started during that
# reset finds no display; these scripts start one window right after another.
xvfb_restarts=0

start_xvfb() {
  local name=$1
  : >"$work/display"
  Xvfb -displayfd 3 -noreset -screen 0 1280x800x24 +extension GLX -nolisten tcp \
    3>"$work/display" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || { cat "$work/xvfb.log" >&2; echo "$name: Xvfb did not start" >&2; exit 1; }
  export DISPLAY=":$(head -1 "$work/display")"
  for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$work/xvfb.log" >&2
  echo "$name: Xvfb on $DISPLAY takes no connection" >&2
  exit 1
}

xvfb_alive() { kill -0 "$xvfb_pid" 2>/dev/null && xdpyinfo >/dev/null 2>&1; }

xvfb_ensure() {
  local name=$1
  xvfb_alive && return 0
  echo "$name: the X server on $DISPLAY has gone; its log:" >&2
  cat "$work/xvfb.log" >&2
  if [ "$xvfb_restarts" -ge 2 ]; then
    echo "$name: the X server went away $((xvfb_restarts + 1)) times" >&2
    exit 1
  fi
  xvfb_restarts=$((xvfb_restarts + 1))
  kill "$xvfb_pid" 2>/dev/null || true
  start_xvfb "$name"
  echo "$name: started another X server on $DISPLAY" >&2
}

log_head() {
  echo "--- the start of $(basename "$1"):"
  head -5 "$1"
}
