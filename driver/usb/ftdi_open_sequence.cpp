#include "usb/ftdi_open_sequence.hpp"

#include "usb/ftdi_protocol.hpp"

namespace ipsec_fpga::driver::usb {

std::vector<ControlRequest> ftdi_open_requests(const FtdiChannelSettings& settings) {
  using namespace ftdi;
  const std::uint16_t port = channel_port(settings.channel);
  const auto bit_mode = [](std::uint8_t mode, std::uint8_t mask) {
    return static_cast<std::uint16_t>((mode << 8) | mask);
  };
  const auto flow_index = [port](FtdiFlow flow) {
    return static_cast<std::uint16_t>((flow == FtdiFlow::rts_cts ? flow_rts_cts : flow_none) |
                                      port);
  };

  std::vector<ControlRequest> requests = {
      {request_reset, reset_sio, port},
      {request_reset, reset_purge_rx, port},
      {request_reset, reset_purge_tx, port},
      {request_set_latency_timer, settings.latency_ms, port},
  };
  if (settings.mode == FtdiMode::sync_fifo) {
    requests.push_back({request_set_bit_mode, bit_mode(bit_mode_reset, 0xFF), port});
    requests.push_back({request_set_bit_mode, bit_mode(bit_mode_sync_fifo, 0xFF), port});
    requests.push_back({request_set_flow_ctrl, 0, flow_index(FtdiFlow::rts_cts)});
    return requests;
  }
  requests.push_back({request_set_bit_mode, bit_mode(bit_mode_reset, 0x00), port});
  requests.push_back({request_set_baud_rate, settings.baud.value(), settings.baud.index(port)});
  requests.push_back({request_set_data, data_8n1, port});
  requests.push_back({request_set_flow_ctrl, 0, flow_index(settings.flow)});
  requests.push_back({request_set_modem_ctrl, modem_set_dtr_rts_high, port});
  return requests;
}

std::string to_string(FtdiMode mode) { return mode == FtdiMode::uart ? "uart" : "fifo"; }

std::string to_string(FtdiFlow flow) { return flow == FtdiFlow::none ? "none" : "rtscts"; }

}  // namespace ipsec_fpga::driver::usb
