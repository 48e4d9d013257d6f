// One board (FPGA or simulation) behind a Transport: registers, SAs and
// packets over the host link (docs/host-link.md). See docs/driver.md.
//
// Threading: one thread may submit packets (and use SAs/registers) while
// another receives results and events; more threads are safe too, but
// submit() assumes it is the only one spending credits. Whichever thread
// waits for something pumps the transport (reads bytes, decodes frames,
// files responses, results and events) with no lock held during the read;
// others wait for it. A simulated board's clock therefore only runs while
// the driver waits for something, and a single-threaded run is
// deterministic.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "board/board_options.hpp"
#include "board/capabilities.hpp"
#include "board/credit_account.hpp"
#include "board/errors.hpp"
#include "board/link_statistics.hpp"
#include "board/packet.hpp"
#include "link/frame.hpp"
#include "link/frame_decoder.hpp"
#include "sa/sa_parameters.hpp"
#include "sa/sa_status.hpp"
#include "transport/transport.hpp"

namespace ipsec_fpga::driver {

class TransportClock;

// An installed SA: where it lives and what the board needs to find it.
struct SaHandle {
  unsigned entry = 0;
  std::uint32_t spi = 0;  // inbound: assigned by the driver (low bits = entry)
  Direction direction = Direction::outbound;
  Encapsulation encapsulation = Encapsulation::bare_esp;
};

class Board {
 public:
  // Opens the link: sends 0x00, checks protocol_version (ProtocolVersionError
  // naming both numbers), reads the identification registers, asks for a
  // credit report. Throws TimeoutError / BoardGoneError if the board is mute.
  explicit Board(std::unique_ptr<Transport> transport, BoardOptions options = {});
  ~Board();
  Board(const Board&) = delete;
  Board& operator=(const Board&) = delete;

  const Capabilities& capabilities() const { return capabilities_; }
  std::string description() const;  // the transport's, e.g. "sim: ipsec_fpga_core"

  // --- Registers (host-link-layout.md "Registers") ---
  std::uint32_t read_register(std::uint16_t address);
  // Returns the register's value after the write. Not retried on timeout.
  std::uint32_t write_register(std::uint16_t address, std::uint32_t value);

  // --- SAs ---
  // Inbound: picks a free entry and assigns the SPI (entry index in the low
  // log2(sa_entries) bits, >= 256, random upper bits from RAND_bytes); the
  // handle carries it. Outbound: sa.spi is the peer's, any free entry.
  // Throws UnsupportedError for a suite the board lacks or a full table,
  // std::invalid_argument for parameters validation_error() refuses.
  SaHandle install_sa(SaParameters sa);
  // Rewrites the entry with new parameters (same direction; an inbound SA
  // keeps its SPI). Returns the updated handle.
  SaHandle update_sa(const SaHandle& handle, SaParameters sa);
  // sa_erase, then reads the entry back and checks every word is zero.
  void remove_sa(const SaHandle& handle);

  // Inbound SPI reservation, for IKE peers that learn our inbound SPI in
  // Quick Mode before the keys exist (docs/driver.md "Reserved inbound
  // SPIs"). Picks a free entry, holds it and returns the SPI its inbound SA
  // will have (entry index in the low bits, as install_sa assigns). With
  // `wanted` (a manually keyed SA's fixed SPI, >= 256) the entry is the one
  // that SPI names, which must be free. install_sa of an inbound SA whose
  // spi is a reserved one uses that entry and keeps that SPI. A reservation
  // not installed within `hold` (host wall time) lapses and its entry is
  // free again. Throws UnsupportedError for a full table or a wanted SPI
  // whose entry is in use, std::invalid_argument for a wanted SPI < 256.
  std::uint32_t reserve_inbound_spi(std::chrono::milliseconds hold,
                                    std::optional<std::uint32_t> wanted = std::nullopt);
  // Gives a reservation back (an unknown or already installed SPI: nothing).
  void release_inbound_spi(std::uint32_t spi);
  // Reservations still held (lapsed ones are dropped first).
  std::size_t reserved_inbound_spis();
  // Restart safety: reads every entry's valid bit and erases each entry
  // that holds an SA (left by an earlier session on a board that kept its
  // memory), each read back and checked zero like remove_sa. Forgets all
  // reservations. Returns how many entries were erased.
  unsigned clear_sa_table();
  SaStatus sa_status(const SaHandle& handle);

  // Raw entry access (key words read back as zero).
  std::vector<std::uint32_t> read_sa_words(unsigned entry, unsigned first_word, unsigned count);
  void write_sa_words(unsigned entry, unsigned first_word, std::span<const std::uint32_t> words);
  void erase_sa_entry(unsigned entry);

  // --- Packets ---
  // Pipelined: waits for credit (pumping; TimeoutError if none comes), sends
  // and returns at once. Results come from next_result() in submission order.
  Ticket submit(Direction direction, std::uint16_t selector, std::span<const std::uint8_t> packet);
  Ticket submit_outbound(const SaHandle& sa, std::span<const std::uint8_t> inner);
  Ticket submit_inbound(Encapsulation received_as, std::span<const std::uint8_t> esp_packet);
  // The oldest result not yet taken; nothing if none came within `timeout`.
  std::optional<PacketResult> next_result(std::chrono::milliseconds timeout);
  // Synchronous: submit, then wait for that packet's result (other results
  // stay queued for next_result). Throws TimeoutError if it was lost.
  PacketResult process_outbound(const SaHandle& sa, std::span<const std::uint8_t> inner);
  PacketResult process_inbound(Encapsulation received_as, std::span<const std::uint8_t> esp_packet);
  std::size_t packets_outstanding() const;

  // --- Events ---
  // The oldest event not yet taken (unless a callback takes them).
  std::optional<Event> next_event(std::chrono::milliseconds timeout);
  // Events go to `callback` instead of the queue (nullptr: back to the
  // queue). It runs on whichever thread pumps, with no driver lock held.
  void set_event_callback(std::function<void(const Event&)> callback);

  LinkStatistics link_statistics() const;
  // Credit the driver holds now: slots and bytes.
  std::pair<std::uint32_t, std::uint64_t> credits_available() const;

 private:
  using Nanos = std::chrono::nanoseconds;
  using Lock = std::unique_lock<std::mutex>;
  using FrameType = host_link::layout::FrameType;

  struct PendingControl {
    std::uint8_t tag;
    FrameType response_type;
    std::optional<host_link::Frame> response;
  };
  struct OutstandingPacket {
    Ticket ticket;
    std::uint8_t tag;
    Direction direction;
    std::size_t bytes;
    Nanos deadline;
  };
  enum class EntryState : std::uint8_t { unknown, free, ours, foreign, reserved };
  struct Reservation {
    std::uint32_t spi = 0;
    std::chrono::steady_clock::time_point deadline;
  };

  void open();
  Nanos now() const;
  host_link::Frame transact(FrameType type, std::vector<std::uint8_t> payload,
                            FrameType response_type, bool idempotent, const std::string& what);
  std::uint8_t send_request(Lock& lk, FrameType type, const std::vector<std::uint8_t>& payload,
                            const std::function<void(std::uint8_t)>& record);
  void send_credit_request(Lock& lk);
  // Pumps until done() or board time `until`; false on timeout.
  bool wait_until(Lock& lk, const std::function<bool()>& done, Nanos until);
  void pump(Lock& lk, Nanos until);
  void expire_packets(Lock& lk);
  void dispatch(const host_link::Frame& frame, std::vector<Event>& callbacks_due);
  void on_packet_result(const host_link::Frame& frame);
  void mark_lost(const OutstandingPacket& packet, const std::string& why);
  std::uint8_t allocate_tag() const;
  bool tag_in_use(std::uint8_t tag) const;
  [[noreturn]] void throw_gone(const std::string& what);
  std::string link_note() const;  // ", link: ..." for error messages

  void check_result(const host_link::Frame& response, const std::string& what);
  unsigned find_free_entry();
  bool entry_free(unsigned entry);  // reads the valid bit of an unknown entry
  void expire_reservations();       // sa_mutex_ held
  void erase_and_verify(unsigned entry);
  std::uint32_t make_inbound_spi(unsigned entry) const;
  void prepare(SaParameters& sa) const;
  PacketResult wait_for_ticket(Ticket ticket);

  std::unique_ptr<Transport> transport_;
  const TransportClock* clock_ = nullptr;  // the transport's, if it has one
  BoardOptions options_;
  Capabilities capabilities_;
  std::chrono::steady_clock::time_point opened_ = std::chrono::steady_clock::now();

  std::mutex sa_mutex_;       // entry allocation (install/update/remove)
  std::mutex control_mutex_;  // one register/SA request outstanding at a time
  std::mutex send_mutex_;     // a frame's bytes go out together, in tag order
  mutable std::mutex mutex_;  // everything below
  std::condition_variable cv_;
  bool pumping_ = false;
  bool gone_ = false;
  std::string gone_message_;
  host_link::FrameDecoder decoder_;
  mutable std::uint8_t next_tag_ = 1;
  std::optional<PendingControl> control_;
  std::deque<OutstandingPacket> outstanding_;
  std::deque<PacketResult> results_;
  std::deque<Event> events_;
  std::function<void(const Event&)> event_callback_;
  CreditAccount credits_;
  Ticket next_ticket_ = 1;
  LinkStatistics stats_;
  std::vector<EntryState> entries_;
  unsigned next_entry_hint_ = 0;
  std::map<unsigned, Reservation> reservations_;  // by entry; sa_mutex_
};

// Opens a board by URI: "sim:" (the Verilated board core), "sim:fst=<path>"
// (with a waveform), "usb:<vid>:<pid>", "usb:serial=<serial>" (see
// docs/driver.md). Throws UriError for a malformed URI or a transport this
// build lacks.
std::unique_ptr<Board> open_board(std::string_view uri, BoardOptions options = {});

}  // namespace ipsec_fpga::driver
