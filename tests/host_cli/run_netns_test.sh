#!/usr/bin/env bash
# host.cli.netns: `ipsec-fpga run` as a child process in a network namespace
# this test creates, on the simulated board, with a one-rule config:
# `status` and `sa` through the control socket (text and --json), a packet
# for the rule's remote network (the log says so: `ipsec-fpga log`), SIGHUP
# with a good and with a bad file (keeps running), SIGTERM (exit 0, socket
# removed). Needs root, ip(8) and /dev/net/tun; exits 77 (skipped) otherwise.
# Documentation addresses only. About 5-10 s.
set -u
BIN=${1:?usage: run_netns_test.sh path/to/ipsec-fpga}
PREFIX=hcli-run-
NS=${PREFIX}$$

skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root"
command -v ip >/dev/null || skip "needs ip(8)"
[ -c /dev/net/tun ] || skip "needs /dev/net/tun"
ip netns add "${NS}-probe" 2>/dev/null || skip "cannot create network namespaces"
ip netns del "${NS}-probe"

# Leftovers of earlier runs of this test whose process is gone.
for old in $(ip netns list | awk '{print $1}' | grep "^${PREFIX}[0-9]*$" || true); do
  pid=${old#"$PREFIX"}
  kill -0 "$pid" 2>/dev/null || ip netns del "$old" 2>/dev/null || true
done

DIR=$(mktemp -d /tmp/hcli-netns.XXXXXX)
GW_PID=
cleanup() {
  if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
    kill -TERM "$GW_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$GW_PID" 2>/dev/null
  fi
  ip netns del "$NS" 2>/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT

FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
check_contains() {  # text, part, what
  case "$1" in *"$2"*) ;; *) fail "$3: no '$2' in: $1";; esac
}
# Retries a command (quietly) for up to $1 tenths of a second.
eventually() {
  local tries=$1; shift
  for _ in $(seq "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add wan0 type veth peer name wanpeer
ip -n "$NS" addr add 203.0.113.1/24 dev wan0
ip -n "$NS" link set wan0 up
ip -n "$NS" link set wanpeer up

printf 'never-printed-psk\n' > "$DIR/branch.psk"
chmod 600 "$DIR/branch.psk"
write_config() {  # rule name
  cat > "$DIR/gateway.toml" <<CONF
[gateway]
wan_interface = "wan0"
wan_address = "interface"
lan_interface = "hcli0"
lan_address = "192.0.2.1/24"
log_file = "$DIR/ipsec.log"
log_ring_size = 100
board = "sim:"

[[rule]]
index = 1
name = "$1"
secure_gateway = "203.0.113.2"
local = "192.0.2.0/24"
remote = "198.51.100.0/24"
pre_shared_key_file = "branch.psk"
CONF
}
write_config branch
SOCK="$DIR/control.sock"

ip netns exec "$NS" "$BIN" run --config "$DIR/gateway.toml" --board sim: \
  --log-file "$DIR/ipsec.log" --control-socket "$SOCK" >"$DIR/out" 2>"$DIR/err" &
GW_PID=$!

if ! eventually 300 "$BIN" status --control-socket "$SOCK"; then
  echo "the gateway did not answer within 30 s; its stderr:"; cat "$DIR/err"
  exit 1
fi

# The socket file: a socket, mode 0600.
[ -S "$SOCK" ] || fail "no socket at $SOCK"
[ "$(stat -c %a "$SOCK")" = 600 ] || fail "socket mode $(stat -c %a "$SOCK"), not 600"

STATUS=$("$BIN" status --control-socket "$SOCK")
check_contains "$STATUS" "BUILD_ID" "status"
check_contains "$STATUS" "branch" "status"
check_contains "$STATUS" "203.0.113.2" "status"
check_contains "$STATUS" "192.0.2.0" "status"
JSON=$("$BIN" status --control-socket "$SOCK" --json)
check_contains "$JSON" '{"ok":true,"command":"status","status":{' "status --json"
check_contains "$JSON" '"index":1' "status --json"
check_contains "$JSON" "\"pid\":$GW_PID" "status --json"
SA_JSON=$("$BIN" sa --control-socket "$SOCK" --json) || fail "sa --json exited $?"
check_contains "$SA_JSON" '{"ok":true,"command":"sa","sa":[' "sa --json"
"$BIN" sa --control-socket "$SOCK" >/dev/null || fail "sa exited $?"
case "$STATUS$JSON$SA_JSON" in *never-printed-psk*) fail "the PSK was shown";; esac

# A packet for the rule's remote network: no SA yet, the log says so.
ip -n "$NS" route replace 198.51.100.0/24 dev hcli0 2>/dev/null
ip netns exec "$NS" ping -c 1 -W 1 198.51.100.7 >/dev/null 2>&1
if ! eventually 50 grep -q "Cannot find outbound SA for rule" "$DIR/ipsec.log"; then
  fail "no 'Cannot find outbound SA for rule' in the log"
fi
VIEW=$("$BIN" log --file "$DIR/ipsec.log")
check_contains "$VIEW" "Index: Date/Time:       Log:" "log"
check_contains "$VIEW" "Cannot find outbound SA for rule <1>" "log"

# SIGHUP with a good, changed file: reloaded, still running.
write_config branch-renamed
kill -HUP "$GW_PID"
eventually 50 grep -q "SIGHUP: reloading" "$DIR/err" || fail "no reload on stderr"
eventually 50 sh -c "'$BIN' status --control-socket '$SOCK' | grep -q branch-renamed" ||
  fail "status does not show the reloaded rule name"
# SIGHUP with a bad file: reported, the running config kept, still serving.
echo 'this is = = not toml' > "$DIR/gateway.toml"
kill -HUP "$GW_PID"
eventually 50 grep -q "keeping the running configuration" "$DIR/err" || fail "bad reload not reported"
kill -0 "$GW_PID" 2>/dev/null || fail "the gateway died after a bad SIGHUP"
"$BIN" status --control-socket "$SOCK" | grep -q branch-renamed || fail "running config lost"

# SIGTERM: exit 0, the socket removed.
kill -TERM "$GW_PID"
RC=
for _ in $(seq 200); do
  if ! kill -0 "$GW_PID" 2>/dev/null; then wait "$GW_PID"; RC=$?; break; fi
  sleep 0.1
done
if [ -z "$RC" ]; then
  fail "still running 20 s after SIGTERM"
else
  GW_PID=
  [ "$RC" = 0 ] || fail "exit status $RC after SIGTERM"
fi
[ -e "$SOCK" ] && fail "socket file left behind"
"$BIN" status --control-socket "$SOCK" >/dev/null 2>&1
[ $? = 1 ] || fail "status without a gateway did not exit 1"
grep -q never-printed-psk "$DIR/err" "$DIR/out" "$DIR/ipsec.log" && fail "the PSK was printed"

if [ "$FAILS" != 0 ]; then
  echo "--- gateway stderr"; cat "$DIR/err"
  echo "--- log"; "$BIN" log --file "$DIR/ipsec.log"
  exit 1
fi
echo "PASS: status, sa, log, SIGHUP (good and bad file), SIGTERM"
