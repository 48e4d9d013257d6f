// The daemon's GatewayControl over host/gateway's Gateway, when this build
// has it (IPSEC_FPGA_HAVE_GATEWAY, set by host/cli/CMakeLists.txt).
#include "host/cli/cli.hpp"
#include "host/cli/daemon.hpp"

#ifdef IPSEC_FPGA_HAVE_GATEWAY
#include "host/gateway/gateway.hpp"
#endif

namespace ipsec_fpga::host {

#ifdef IPSEC_FPGA_HAVE_GATEWAY
namespace {

class RealGateway final : public GatewayControl {
 public:
  RealGateway(const GatewayConfig& config, const RunOptions& options)
      : gateway_(config, options.board_uri, gateway_options(options)) {}

  int run() override { return gateway_.run(); }
  void request_stop() override { gateway_.request_stop(); }
  void request_reload(GatewayConfig config) override { gateway_.request_reload(std::move(config)); }
  GatewayStatus status() const override { return gateway_.status(); }
  std::vector<SaRow> sa_table() override { return gateway_.sa_table(); }
  std::vector<LogEntry> log_entries() const override { return gateway_.log_entries(); }

 private:
  static GatewayOptions gateway_options(const RunOptions& options) {
    GatewayOptions g;
    g.tun_name = options.tun_name;
    g.log_file = options.log_file;
    g.config_file = options.config_file;
    g.version = project_version();
    return g;
  }

  Gateway gateway_;
};

}  // namespace

GatewayFactory real_gateway_factory() {
  return [](const GatewayConfig& config, const RunOptions& options) {
    return std::unique_ptr<GatewayControl>(new RealGateway(config, options));
  };
}

#else

GatewayFactory real_gateway_factory() { return {}; }

#endif

}  // namespace ipsec_fpga::host
