#!/bin/bash
# Interop of ike/ (through ike_udp_peer) with Debian's strongSwan charon,
# IKEv1 PSK, both in network namespaces this script creates and always
# removes. Documentation addresses only:
#   ours       192.0.2.1  protects 198.51.100.0/25
#   strongSwan 192.0.2.2  protects 203.0.113.0/25 (203.0.113.1 on lo)
# Usage: strongswan_interop.sh <ike_udp_peer> [table.md] [case-name-filter]
# Exit 0 when every case passed. Needs root, ip netns, /usr/lib/ipsec/charon.
set -u
PEER_BIN=$(readlink -f "$1")
TABLE=${2:-}
FILTER=${3:-}
CHARON=/usr/lib/ipsec/charon
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
[ -x "$CHARON" ] || { echo "SKIP: no $CHARON"; exit 77; }

# 3DES, ECP groups and AES-GCM need charon's openssl/gcm plugins (Debian
# package libstrongswan-standard-plugins); without them those cases are
# reported as skipped.
PLUGINS="random nonce aes sha1 sha2 md5 hmac gmp pem pkcs1 pubkey x509 kernel-libipsec kernel-netlink socket-default vici"
HAVE_OPENSSL=no
if [ -e /usr/lib/ipsec/plugins/libstrongswan-openssl.so ] && [ -e /usr/lib/ipsec/plugins/libstrongswan-gcm.so ]; then
  PLUGINS="$PLUGINS openssl gcm"
  HAVE_OPENSSL=yes
fi

TAG=ike$$
NS_OURS=${TAG}o
NS_SWAN=${TAG}s
WORK=$(mktemp -d /tmp/ike-interop.XXXXXX)
CHARON_PID=
PEER_PID=
PSK="interop-secret-0815"

stop_processes() {
  if [ -n "$PEER_PID" ]; then kill "$PEER_PID" 2>/dev/null; wait "$PEER_PID" 2>/dev/null; PEER_PID=; fi
  if [ -n "$CHARON_PID" ]; then
    kill -CONT "$CHARON_PID" 2>/dev/null
    kill "$CHARON_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$CHARON_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$CHARON_PID" 2>/dev/null
    wait "$CHARON_PID" 2>/dev/null
    CHARON_PID=
  fi
}
cleanup() {
  stop_processes
  ip netns del "$NS_OURS" 2>/dev/null
  ip netns del "$NS_SWAN" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

ip netns add "$NS_OURS" && ip netns add "$NS_SWAN" || exit 1
ip link add "${TAG}a" netns "$NS_OURS" type veth peer name "${TAG}b" netns "$NS_SWAN" || exit 1
ip -n "$NS_OURS" addr add 192.0.2.1/24 dev "${TAG}a"
ip -n "$NS_SWAN" addr add 192.0.2.2/24 dev "${TAG}b"
ip -n "$NS_SWAN" addr add 203.0.113.1/32 dev lo
for ns in "$NS_OURS" "$NS_SWAN"; do ip -n "$ns" link set lo up; done
ip -n "$NS_OURS" link set "${TAG}a" up
ip -n "$NS_SWAN" link set "${TAG}b" up

# write_swan <dir> <aggressive yes|no> <ike proposal> <esp proposal> <start_action>
#            <local_ts> <remote_ts> <psk>
write_swan() {
  local dir=$1
  mkdir -p "$dir/run"
  cat > "$dir/strongswan.conf" <<CONF
charon {
  load_modular = no
  load = $PLUGINS
  i_dont_care_about_security_and_use_aggressive_mode_psk = yes
  retransmit_timeout = 2
  retransmit_tries = 3
  plugins {
    vici {
      socket = unix://$dir/charon.vici
    }
  }
  filelog {
    interop {
      path = $dir/charon.log
      default = 1
      ike = 4
      chd = 4
      cfg = 2
    }
  }
}
CONF
  cat > "$dir/swanctl.conf" <<CONF
connections {
  ours {
    version = 1
    aggressive = $2
    local_addrs = 192.0.2.2
    remote_addrs = 192.0.2.1
    proposals = $3
    local {
      auth = psk
      id = 192.0.2.2
    }
    remote {
      auth = psk
      id = 192.0.2.1
    }
    children {
      net {
        local_ts = $6
        remote_ts = $7
        esp_proposals = $4
        start_action = $5
      }
    }
  }
}
secrets {
  ike-ours {
    id-a = 192.0.2.1
    id-b = 192.0.2.2
    secret = "$8"
  }
}
CONF
}

start_charon() {
  local dir=$1
  ip netns exec "$NS_SWAN" unshare --mount --propagation private \
    sh -c "mount --bind '$dir/run' /run && STRONGSWAN_CONF='$dir/strongswan.conf' exec $CHARON" \
    > "$dir/charon.stdout" 2>&1 &
  CHARON_PID=$!
  for _ in $(seq 50); do [ -S "$dir/charon.vici" ] && break; sleep 0.1; done
  swanctl --load-all --uri "unix://$dir/charon.vici" --file "$dir/swanctl.conf" > "$dir/load.out" 2>&1
}

swan() { swanctl "$2" --uri "unix://$1/charon.vici" "${@:3}"; }

# wait_for <file> <fixed string> <seconds>
wait_for() {
  for _ in $(seq $(( $3 * 10 ))); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

# hexdump_after <charon.log> <label>: the first %B dump logged as "<label> => N bytes @ ..."
hexdump_after() {
  awk -v label="$2" '
    found && /^[^ ]* *[0-9]+: / { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+:$/) { for (j = i + 1; j <= i + 16 && j <= NF; j++) if ($j ~ /^[0-9A-F][0-9A-F]$/) out = out $j; break } next }
    found { exit }
    index($0, "] " label " => ") || index($0, " " label " => ") { found = 1 }
    END { print tolower(out) }' "$1"
}

RESULTS=()
FAILED=0
record() {  # <case> <direction> <mode> <ike> <esp> <result> <detail>
  local ike=$4 esp=$5
  [ -n "${OUR_IKE:-}" ] && [ "$OUR_IKE" != "$4" ] && ike="ours $OUR_IKE, strongSwan $4"
  [ -n "${OUR_ESP:-}" ] && [ "$OUR_ESP" != "$5" ] && esp="ours $OUR_ESP, strongSwan $5"
  RESULTS+=("| $1 | $2 | $3 | $ike | $esp | $6 | $7 |")
  echo "== $1: $6 $7"
  [ "$6" = pass ] || FAILED=1
}

# openssl_case <run_case arguments>: only when charon has the openssl plugin.
openssl_case() {
  if [ "$HAVE_OPENSSL" = yes ]; then
    run_case "$@"
  elif [ -z "$FILTER" ] || [[ "$1" == *$FILTER* ]]; then
    RESULTS+=("| $1 | $2 | $3 | $4 | $5 | skipped | charon lacks the openssl/gcm plugins |")
    echo "== $1: skipped (no openssl plugin in charon)"
  fi
}

# run_case <name> <initiator ours|swan> <main|aggressive> <ike> <esp> <expect>
#   [our-remote-net] [swan-psk]
# expect: established | "<log line>"
run_case() {
  local name=$1 initiator=$2 mode=$3 ike=$4 esp=$5 expect=$6
  local our_remote=${7:-203.0.113.0/25} swan_psk=${8:-$PSK}
  [ -n "$FILTER" ] && [[ "$name" != *$FILTER* ]] && return
  local dir="$WORK/$name"
  mkdir -p "$dir"
  local aggressive=no start=none
  [ "$mode" = aggressive ] && aggressive=yes
  [ "$initiator" = swan ] && start=start
  local swan_esp=${esp}
  write_swan "$dir" "$aggressive" "$ike" "$swan_esp" "$start" 203.0.113.0/25 198.51.100.0/25 "$swan_psk"
  local peer_args=(--local 192.0.2.1 --peer 192.0.2.2 --psk "$PSK" --mode "$mode" --ike "${OUR_IKE:-$ike}"
                   --esp "${OUR_ESP:-$esp}" --local-net 198.51.100.0/25 --remote-net "$our_remote"
                   --print-keys --esp-send --duration 60 --retransmit-ms 1000 --tries 3)
  [ "$initiator" = ours ] && peer_args+=(--initiate)
  # IKE_DUMP_DIR=<dir>: keep strongSwan's messages as fuzzing seeds.
  if [ -n "${IKE_DUMP_DIR:-}" ]; then
    mkdir -p "$IKE_DUMP_DIR/$name"
    peer_args+=(--dump-dir "$IKE_DUMP_DIR/$name")
  fi
  ip netns exec "$NS_OURS" "$PEER_BIN" "${peer_args[@]}" > "$dir/ours.out" 2>&1 &
  PEER_PID=$!
  sleep 0.2
  start_charon "$dir"
  if [ "$expect" != established ]; then
    [ "$name" = silent-peer ] && kill -STOP "$CHARON_PID"
    if wait_for "$dir/ours.out" "LOG $expect" 40 &&
       { [ "$name" != silent-peer ] || [ "$(grep -c '^LOG !! IKE Packet Retransmit$' "$dir/ours.out")" = 3 ]; }; then
      record "$name" "$initiator" "$mode" "$ike" "$esp" pass "\`$expect\`"
    else
      record "$name" "$initiator" "$mode" "$ike" "$esp" FAIL "no \`$expect\` (see $dir)"
      KEEP=1
    fi
    stop_processes
    return
  fi
  local detail=""
  if ! wait_for "$dir/ours.out" "INSTALL " 30; then
    detail="no SA installed"
  else
    sleep 1.5
    # strongSwan sends one packet through the tunnel: we check it with our keys.
    ip netns exec "$NS_SWAN" bash -c 'echo probe > /dev/udp/198.51.100.1/9' 2>/dev/null
    wait_for "$dir/ours.out" "ESP-IN " 5
    wait_for "$dir/ours.out" "ESP-OUT " 2
    sleep 0.3
    swan "$dir" --list-sas > "$dir/sas.out" 2>&1
    local our_in our_out swan_in swan_out
    our_in=$(sed -n 's/^INSTALL in=\([0-9a-f]*\) out=\([0-9a-f]*\).*/\1/p' "$dir/ours.out" | head -1)
    our_out=$(sed -n 's/^INSTALL in=\([0-9a-f]*\) out=\([0-9a-f]*\).*/\2/p' "$dir/ours.out" | head -1)
    swan_in=$(awk '$1 == "in" { sub(",", "", $2); print $2; exit }' "$dir/sas.out")
    swan_out=$(awk '$1 == "out" { sub(",", "", $2); print $2; exit }' "$dir/sas.out")
    local swan_bytes_in
    swan_bytes_in=$(awk '$1 == "in" { print $3; exit }' "$dir/sas.out")
    grep -q ESTABLISHED "$dir/sas.out" || detail="$detail strongSwan IKE SA not established;"
    [ "$our_in" = "$swan_out" ] && [ "$our_out" = "$swan_in" ] || detail="$detail SPIs differ (ours $our_in/$our_out, theirs $swan_in/$swan_out);"
    grep -q "^ESP-IN ok" "$dir/ours.out" || detail="$detail their ESP did not verify with our inbound keys;"
    [ -n "$swan_bytes_in" ] && [ "$swan_bytes_in" != 0 ] || detail="$detail our ESP was not accepted by strongSwan;"
    local keys label ours theirs
    keys=$(grep '^PHASE1KEYS' "$dir/ours.out" | head -1)
    for label in SKEYID SKEYID_d SKEYID_a SKEYID_e "encryption key Ka"; do
      case $label in
        SKEYID) ours=$(sed -n 's/.* skeyid=\([0-9a-f]*\).*/\1/p' <<< "$keys") ;;
        SKEYID_d) ours=$(sed -n 's/.* skeyid_d=\([0-9a-f]*\).*/\1/p' <<< "$keys") ;;
        SKEYID_a) ours=$(sed -n 's/.* skeyid_a=\([0-9a-f]*\).*/\1/p' <<< "$keys") ;;
        SKEYID_e) ours=$(sed -n 's/.* skeyid_e=\([0-9a-f]*\).*/\1/p' <<< "$keys") ;;
        *) ours=$(sed -n 's/.* ka=\([0-9a-f]*\).*/\1/p' <<< "$keys") ;;
      esac
      theirs=$(hexdump_after "$dir/charon.log" "$label")
      [ -n "$ours" ] && [ "$ours" = "$theirs" ] || detail="$detail $label differs;"
    done
  fi
  if [ -z "$detail" ]; then
    record "$name" "$initiator" "$mode" "$ike" "$esp" pass "same SPIs, SKEYID/_d/_a/_e/Ka, ESP both ways"
  else
    record "$name" "$initiator" "$mode" "$ike" "$esp" FAIL "$detail (see $dir)"
    KEEP=1
  fi
  stop_processes
}

KEEP=${KEEP_LOGS:-0}
run_case mm-we-init            ours main       aes128-sha1-modp2048   aes128-sha1                established
run_case mm-they-init-pfs      swan main       aes256-sha256-modp3072 aes256-sha256-modp3072     established
run_case am-we-init-pfs        ours aggressive aes192-sha1-modp1536   aes128-sha256-modp1536     established
run_case am-they-init          swan aggressive aes128-sha1-modp2048   aes128-sha1                established
run_case mm-we-init-pfs        ours main       aes256-sha512-modp1024 aes256-sha1-modp1024       established
run_case mm-they-init          swan main       aes128-sha384-modp4096 aes192-sha256              established
openssl_case mm-we-init-3des         ours main       3des-sha1-modp1024     3des-sha1                  established
openssl_case mm-they-init-ecp-gcm    swan main       aes256-sha256-ecp256   aes256gcm16-ecp256         established
openssl_case am-we-init-ecp384       ours aggressive aes128-sha384-ecp384   aes128gcm16                established
OUR_IKE=aes128-sha1-modp2048 run_case ike-mismatch ours main aes256-sha256-modp2048 aes128-sha1 "!! No proposal chosen"
OUR_ESP=aes256-sha1 run_case esp-mismatch ours main aes128-sha1-modp2048 aes128-sha1 "!! No proposal chosen"
run_case subnet-mismatch       ours main       aes128-sha1-modp2048   aes128-sha1  "!! Verifying Remote ID failed" 203.0.113.128/25
run_case subnet-mismatch-they-init swan main aes128-sha1-modp2048 aes128-sha1 "!! Verifying Remote ID failed" 203.0.113.128/25
run_case wrong-psk             ours main       aes128-sha1-modp2048   aes128-sha1  "!! Too many errors! Deleting SA" 203.0.113.0/25 not-the-secret
run_case am-wrong-psk          ours aggressive aes128-sha1-modp2048 aes128-sha1 "!! Authentication failed with <192.0.2.2>" 203.0.113.0/25 not-the-secret
run_case wrong-psk-they-init   swan main       aes128-sha1-modp2048   aes128-sha1  "!! Malformed IKE packet from <192.0.2.2>: after decryption" 203.0.113.0/25 not-the-secret
run_case silent-peer           ours main       aes128-sha1-modp2048   aes128-sha1  "!! Too many errors! Deleting SA"

if [ -n "$TABLE" ]; then
  {
    echo "| case | initiator | mode | IKE proposal | ESP proposal | result | checked |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${RESULTS[@]}"
  } > "$TABLE"
fi
if [ "$KEEP" = 1 ]; then
  KEPT=$(mktemp -d /tmp/ike-interop-failed.XXXXXX)
  cp -r "$WORK"/. "$KEPT"/
  echo "logs of failed cases kept in $KEPT"
fi
exit $FAILED
