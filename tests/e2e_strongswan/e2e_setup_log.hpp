// The IPSec log lines of a tunnel's set-up with the strongSwan peer, in
// order, as the router shows them (docs/ipsec-log.md,
// /work/shared/spec/log-catalog.md). strongSwan's Main Mode 1 carries five
// vendor IDs (ours one: RFC 3947 NAT-T), both sides send NAT-D in messages
// 3/4, and the initiator's message 5 an INITIAL-CONTACT notify.
#pragma once

#include <string>
#include <vector>

#include "host/lab/tunnel_lab.hpp"

namespace e2e {

inline std::vector<std::string> expected_setup_log(bool ours_initiates, bool aggressive) {
  using ipsec_fpga::host::lab::LabAddresses;
  const std::string peer = std::string("<") + LabAddresses::kPeerWan + ">";
  if (aggressive && ours_initiates)
    return {"Cannot find outbound SA for rule <1>",
            "Send Aggressive Mode request to " + peer,
            "Send:<SA><KE><NONCE><ID><VID>",
            "Recv:<SA><KE><NONCE><ID><VID><VID><VID><NATD><NATD><HASH>",
            "Send:<HASH><NATD><NATD>",
            "Phase 1 IKE SA process done",
            "Start Phase 2: Quick Mode",
            "Send:<HASH><SA><NONCE><ID><ID>",
            "Recv:<HASH><SA><NONCE><ID><ID>",
            "Send:<HASH>"};
  if (aggressive)
    return {"Recv Aggressive Mode request from " + peer,
            "Recv:<SA><KE><NONCE><ID><VID><VID><VID><VID><VID>",
            "Send:<SA><KE><NONCE><ID><HASH><VID><NATD><NATD>",
            "Recv:<HASH><NATD><NATD>",
            "Phase 1 IKE SA process done",
            "Recv:<HASH><SA><NONCE><ID><ID>",
            "Start Phase 2: Quick Mode",
            "Send:<HASH><SA><NONCE><ID><ID>",
            "Recv:<HASH>"};
  if (ours_initiates)
    return {"Cannot find outbound SA for rule <1>",
            "Send Main Mode request to " + peer,
            "Send:<SA><VID>",
            "Recv:<SA><VID><VID><VID>",
            "Send:<KE><NONCE><NATD><NATD>",
            "Recv:<KE><NONCE><NATD><NATD>",
            "Send:<ID><HASH><NOTFY>",
            "Recv:<ID><HASH>",
            "Phase 1 IKE SA process done",
            "Start Phase 2: Quick Mode",
            "Send:<HASH><SA><NONCE><ID><ID>",
            "Recv:<HASH><SA><NONCE><ID><ID>",
            "Send:<HASH>"};
  return {"Recv Main Mode request from " + peer,
          "Recv:<SA><VID><VID><VID><VID><VID>",
          "Send:<SA><VID>",
          "Recv:<KE><NONCE><NATD><NATD>",
          "Send:<KE><NONCE><NATD><NATD>",
          "Recv:<ID><HASH><NOTFY>",
          "Send:<ID><HASH>",
          "Phase 1 IKE SA process done",
          "Recv:<HASH><SA><NONCE><ID><ID>",
          "Start Phase 2: Quick Mode",
          "Send:<HASH><SA><NONCE><ID><ID>",
          "Recv:<HASH>"};
}

}  // namespace e2e
