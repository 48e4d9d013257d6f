// The link_uart configurations built into the testbench (CLOCK_HZ / BAUD),
// and how many random bytes each runs: fewer for 115,200 baud, where a byte
// costs over a thousand clocks.
#pragma once

#include <boost/mpl/list.hpp>
#include <cstdint>

#include "Vlink_uart_12m_115k.h"
#include "Vlink_uart_12m_1m.h"
#include "Vlink_uart_12m_3m.h"
#include "Vlink_uart_48m_3m.h"
#include "uart_timing.hpp"

namespace ipsec_fpga::verif {

template <class Model>
struct LinkUartConfig;

template <>
struct LinkUartConfig<Vlink_uart_12m_3m> {  // iCEBreaker: 12 MHz, the driver's default rate
  static constexpr std::uint64_t kClockHz = 12'000'000, kBaud = 3'000'000;
  static constexpr unsigned kRandomBytes = 10'000;
  static constexpr const char* kTag = "12m_3m";
};
template <>
struct LinkUartConfig<Vlink_uart_12m_1m> {
  static constexpr std::uint64_t kClockHz = 12'000'000, kBaud = 1'000'000;
  static constexpr unsigned kRandomBytes = 10'000;
  static constexpr const char* kTag = "12m_1m";
};
template <>
struct LinkUartConfig<Vlink_uart_48m_3m> {
  static constexpr std::uint64_t kClockHz = 48'000'000, kBaud = 3'000'000;
  static constexpr unsigned kRandomBytes = 10'000;
  static constexpr const char* kTag = "48m_3m";
};
template <>
struct LinkUartConfig<Vlink_uart_12m_115k> {  // 104.1667 clocks per bit: the fractional case
  static constexpr std::uint64_t kClockHz = 12'000'000, kBaud = 115'200;
  static constexpr unsigned kRandomBytes = 1'000;
  static constexpr const char* kTag = "12m_115k";
};

using LinkUartModels =
    boost::mpl::list<Vlink_uart_12m_3m, Vlink_uart_12m_1m, Vlink_uart_48m_3m, Vlink_uart_12m_115k>;

template <class Model>
UartTiming timing_of() {
  return UartTiming(LinkUartConfig<Model>::kClockHz, LinkUartConfig<Model>::kBaud);
}

}  // namespace ipsec_fpga::verif
