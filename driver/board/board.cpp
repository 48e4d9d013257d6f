// The Board's link machinery: tags, sending, pumping the transport, matching
// responses, timeouts and retries, credits. SAs: board_sa.cpp; packets:
// board_packets.cpp.
#include "board/board.hpp"

#include <cstdio>
#include <sstream>

#include "board/payload.hpp"
#include "link/frame_encoder.hpp"
#include "transport/transport_clock.hpp"

namespace ipsec_fpga::driver {

namespace layout = host_link::layout;
using host_link::Frame;

namespace {

std::string hex16(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%04x", value);
  return text;
}

std::string register_name(std::uint16_t address) {
  for (const layout::Register& r : layout::register_map)
    if (r.address == address) return std::string(r.name) + " (" + hex16(address) + ")";
  return "register " + hex16(address);
}

std::string_view result_name(std::uint8_t result) {
  namespace v = layout::values::result;
  switch (result) {
    case v::ok:
      return "ok";
    case v::bad_address:
      return "bad_address";
    case v::read_only:
      return "read_only";
    case v::bad_entry:
      return "bad_entry";
    case v::bad_range:
      return "bad_range";
    case v::busy:
      return "busy";
  }
  return "an unknown result";
}

// The `result` field of a control response.
std::optional<std::uint8_t> result_of(const Frame& frame) {
  namespace f = layout::fields;
  switch (frame.type) {
    case layout::FrameType::reg_read_response:
      return static_cast<std::uint8_t>(payload::get(frame.payload, f::reg_read_response::result));
    case layout::FrameType::reg_write_response:
      return static_cast<std::uint8_t>(payload::get(frame.payload, f::reg_write_response::result));
    case layout::FrameType::sa_write_response:
      return static_cast<std::uint8_t>(payload::get(frame.payload, f::sa_write_response::result));
    case layout::FrameType::sa_read_response:
      return static_cast<std::uint8_t>(payload::get(frame.payload, f::sa_read_response::result));
    case layout::FrameType::sa_erase_response:
      return static_cast<std::uint8_t>(payload::get(frame.payload, f::sa_erase_response::result));
    default:
      return std::nullopt;
  }
}

std::string_view frame_name(layout::FrameType type) {
  const auto info = layout::frame_info(static_cast<std::uint8_t>(type));
  return info ? info->name : "frame";
}

}  // namespace

Board::Board(std::unique_ptr<Transport> transport, BoardOptions options)
    : transport_(std::move(transport)), options_(options) {
  if (!transport_) throw std::invalid_argument("Board: no transport");
  clock_ = dynamic_cast<const TransportClock*>(transport_.get());
  open();
}

Board::~Board() = default;

std::string Board::description() const { return transport_->description(); }

Board::Nanos Board::now() const {
  if (clock_ != nullptr) return clock_->elapsed();
  return std::chrono::duration_cast<Nanos>(std::chrono::steady_clock::now() - opened_);
}

void Board::open() {
  try {
    const std::uint8_t delimiter[] = {layout::delimiter};  // ends any partial frame at the board
    transport_->send(delimiter);
  } catch (const TransportError& e) {
    throw_gone(std::string("opening: ") + e.what());
  }
  namespace r = layout::registers;
  Capabilities& c = capabilities_;
  c.protocol_version = read_register(r::protocol_version.address);
  if (c.protocol_version != layout::protocol_version)
    throw ProtocolVersionError(c.protocol_version, layout::protocol_version);
  c.build_id = read_register(r::build_id.address);
  c.clock_hz = read_register(r::clock_hz.address);
  c.sa_entries = read_register(r::sa_entries.address);
  c.sa_entry_words = read_register(r::sa_entry_words.address);
  c.ciphers = ciphers_from_bitmap(read_register(r::ciphers.address));
  c.integrities = integrities_from_bitmap(read_register(r::integrities.address));
  c.replay_window = read_register(r::replay_window.address);
  c.inbound_buffer_bytes = read_register(r::inbound_buffer_bytes.address);
  c.max_payload = read_register(r::max_payload.address);
  c.max_packet_bytes = read_register(r::max_packet_bytes.address);
  c.packet_credits = read_register(r::packet_credits.address);
  c.byte_credits = read_register(r::byte_credits.address);
  if (c.sa_entry_words != sa_layout::entry_words)
    throw ProtocolError("board has " + std::to_string(c.sa_entry_words) +
                        "-word SA entries, this driver's sa_layout has " +
                        std::to_string(sa_layout::entry_words));
  if (c.sa_entries == 0 || (c.sa_entries & (c.sa_entries - 1)) != 0)
    throw ProtocolError("board reports " + std::to_string(c.sa_entries) +
                        " SA entries, not a power of two");
  entries_.assign(c.sa_entries, EntryState::unknown);
  transact(FrameType::credit_request, {}, FrameType::credit, true, "credit_request");
}

// --- Tags and sending -----------------------------------------------------------

bool Board::tag_in_use(std::uint8_t tag) const {
  if (control_ && control_->tag == tag) return true;
  if (credits_.holds(tag)) return true;
  for (const OutstandingPacket& p : outstanding_)
    if (p.tag == tag) return true;
  return false;
}

std::uint8_t Board::allocate_tag() const {
  // 1..255, skipping 0 (the board's unsolicited frames) and tags still waiting.
  for (int tries = 0; tries < 255; ++tries) {
    const std::uint8_t tag = next_tag_;
    next_tag_ = next_tag_ == 255 ? 1 : static_cast<std::uint8_t>(next_tag_ + 1);
    if (!tag_in_use(tag)) return tag;
  }
  throw ProtocolError("no free tag: 255 requests outstanding");
}

std::uint8_t Board::send_request(Lock& lk, FrameType type, const std::vector<std::uint8_t>& payload,
                                 const std::function<void(std::uint8_t)>& record) {
  // Lock order: send_mutex_, then mutex_. The bytes go out without mutex_ so
  // that a blocking send never stalls the thread that drains the board.
  lk.unlock();
  std::lock_guard<std::mutex> send_lock(send_mutex_);
  lk.lock();
  if (gone_) throw BoardGoneError(gone_message_);
  const std::uint8_t tag = allocate_tag();
  const host_link::Bytes wire = host_link::encode_frame(Frame{type, tag, payload});
  record(tag);
  ++stats_.frames_sent;
  lk.unlock();
  try {
    transport_->send(wire);
  } catch (const TransportError& e) {
    lk.lock();
    throw_gone(std::string("sending ") + std::string(frame_name(type)) + " tag " +
               std::to_string(tag) + ": " + e.what());
  }
  lk.lock();
  return tag;
}

void Board::send_credit_request(Lock& lk) {
  ++stats_.credit_requests;
  // Answered by a credit frame; any credit report is applied when it comes.
  send_request(lk, FrameType::credit_request, {},
               [&](std::uint8_t tag) { credits_.on_credit_request(tag); });
}

void Board::throw_gone(const std::string& what) {
  gone_ = true;
  gone_message_ = "board " + transport_->description() + " gone: " + what;
  cv_.notify_all();
  throw BoardGoneError(gone_message_);
}

std::string Board::link_note() const {
  if (stats_.local_error_total() == 0 && stats_.board_error_total() == 0) return "";
  return "; link errors meanwhile: " + stats_.summary();
}

// --- Requests with one response ------------------------------------------------

Frame Board::transact(FrameType type, std::vector<std::uint8_t> payload, FrameType response_type,
                      bool idempotent, const std::string& what) {
  std::lock_guard<std::mutex> control_lock(control_mutex_);
  Lock lk(mutex_);
  for (unsigned attempt = 1;; ++attempt) {
    const std::uint8_t tag = send_request(lk, type, payload, [&](std::uint8_t t) {
      control_ = PendingControl{t, response_type, std::nullopt};
    });
    const bool answered = wait_until(
        lk, [&] { return control_ && control_->response; }, now() + options_.request_timeout);
    std::optional<Frame> response = answered ? control_->response : std::nullopt;
    control_.reset();
    const bool last = attempt > options_.retries;
    if (response) {
      const auto result = result_of(*response);
      if (result && *result == layout::values::result::busy && !last) {
        ++stats_.retries;  // not processed: safe to repeat any request
        continue;
      }
      return *response;
    }
    ++stats_.timeouts;
    if (!idempotent || last) {
      std::ostringstream m;
      m << "timeout: " << what << " (tag " << unsigned{tag} << "): no " << frame_name(response_type)
        << " within " << options_.request_timeout.count() << " ms on " << transport_->description()
        << ", " << attempt << (attempt == 1 ? " attempt" : " attempts")
        << (idempotent ? "" : " (not repeated: the request is not idempotent)") << link_note();
      throw TimeoutError(m.str());
    }
    ++stats_.retries;
  }
}

void Board::check_result(const Frame& response, const std::string& what) {
  const auto result = result_of(response);
  if (result && *result != layout::values::result::ok)
    throw RequestRefusedError(what + ": board answered " + std::string(result_name(*result)),
                              *result);
}

std::uint32_t Board::read_register(std::uint16_t address) {
  namespace f = layout::fields::reg_read_response;
  const std::string what = "reg_read of " + register_name(address);
  std::vector<std::uint8_t> request;
  payload::put(request, address, 2);
  const Frame response =
      transact(FrameType::reg_read, request, FrameType::reg_read_response, true, what);
  if (payload::get(response.payload, f::address) != address)
    throw ProtocolError(what + ": response names register " +
                        hex16(static_cast<unsigned>(payload::get(response.payload, f::address))));
  check_result(response, what);
  return static_cast<std::uint32_t>(payload::get(response.payload, f::value));
}

std::uint32_t Board::write_register(std::uint16_t address, std::uint32_t value) {
  namespace f = layout::fields::reg_write_response;
  const std::string what = "reg_write of " + register_name(address);
  std::vector<std::uint8_t> request;
  payload::put(request, address, 2);
  payload::put(request, value, 4);
  const Frame response =
      transact(FrameType::reg_write, request, FrameType::reg_write_response, false, what);
  if (payload::get(response.payload, f::address) != address)
    throw ProtocolError(what + ": response names register " +
                        hex16(static_cast<unsigned>(payload::get(response.payload, f::address))));
  check_result(response, what);
  return static_cast<std::uint32_t>(payload::get(response.payload, f::value));
}

// --- Pumping -------------------------------------------------------------------

bool Board::wait_until(Lock& lk, const std::function<bool()>& done, Nanos until) {
  for (;;) {
    if (done()) return true;
    if (gone_) throw BoardGoneError(gone_message_);
    expire_packets(lk);
    if (done()) return true;
    if (now() >= until) return false;
    if (pumping_) {
      // Another thread reads the transport; it wakes us when it filed something.
      cv_.wait_for(lk, std::chrono::milliseconds(1));
      continue;
    }
    pump(lk, until);
  }
}

void Board::pump(Lock& lk, Nanos until) {
  Nanos wake = until;
  for (const OutstandingPacket& p : outstanding_) wake = std::min(wake, p.deadline);
  const Nanos slice = std::max<Nanos>(wake - now(), std::chrono::milliseconds(1));
  pumping_ = true;
  lk.unlock();
  std::vector<std::uint8_t> bytes;
  std::string failure;
  try {
    bytes = transport_->receive(std::chrono::ceil<std::chrono::milliseconds>(slice));
  } catch (const TransportError& e) {
    failure = e.what();
  }
  lk.lock();
  pumping_ = false;
  if (!failure.empty()) throw_gone("receiving: " + failure);
  std::vector<Event> callbacks_due;
  for (host_link::DecodeResult& item : decoder_.feed(bytes)) {
    if (const auto* error = std::get_if<host_link::LinkError>(&item)) {
      ++stats_.local_errors[static_cast<std::size_t>(error->kind) & 7u];
      stats_.last_local_error = error->message;
    } else {
      ++stats_.frames_received;
      dispatch(std::get<Frame>(item), callbacks_due);
    }
  }
  cv_.notify_all();
  if (!callbacks_due.empty()) {
    const auto callback = event_callback_;
    lk.unlock();
    for (const Event& e : callbacks_due) callback(e);
    lk.lock();
  }
}

void Board::dispatch(const Frame& frame, std::vector<Event>& callbacks_due) {
  namespace f = layout::fields;
  switch (frame.type) {
    case FrameType::packet_result:
      on_packet_result(frame);
      return;
    case FrameType::credit: {
      if (frame.tag == 0) {
        // Sent only right after the board's reset: whatever was in flight is gone.
        for (const OutstandingPacket& p : outstanding_) mark_lost(p, "the board was reset");
        outstanding_.clear();
        credits_.reset();
      }
      const auto credit_tag =
          static_cast<std::uint8_t>(payload::get(frame.payload, f::credit::credit_tag));
      const auto packets =
          static_cast<std::uint32_t>(payload::get(frame.payload, f::credit::packets));
      const auto bytes = static_cast<std::uint32_t>(payload::get(frame.payload, f::credit::bytes));
      if (frame.tag == 0)
        credits_.on_report(credit_tag, packets, bytes);
      else
        credits_.on_request_answer(frame.tag, credit_tag, packets, bytes);
      break;
    }
    case FrameType::event: {
      Event e;
      e.direction = static_cast<Direction>(payload::get(frame.payload, f::event::direction) & 1u);
      e.events = static_cast<std::uint8_t>(payload::get(frame.payload, f::event::events));
      e.sa = static_cast<unsigned>(payload::get(frame.payload, f::event::sa));
      e.spi = static_cast<std::uint32_t>(payload::get(frame.payload, f::event::spi));
      if (event_callback_)
        callbacks_due.push_back(e);
      else
        events_.push_back(e);
      return;
    }
    case FrameType::link_error: {
      const auto reason = payload::get(frame.payload, f::link_error::reason);
      ++stats_.board_errors[reason < 8 ? reason : 0];
      stats_.board_dropped_frames += payload::get(frame.payload, f::link_error::count);
      return;
    }
    default:
      break;
  }
  if (control_ && !control_->response && frame.tag == control_->tag &&
      frame.type == control_->response_type) {
    control_->response = frame;
  } else if (frame.type != FrameType::credit) {
    ++stats_.unexpected_frames;  // a late answer to an attempt given up on, or junk
  }
}

// --- Misc --------------------------------------------------------------------

LinkStatistics Board::link_statistics() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

std::pair<std::uint32_t, std::uint64_t> Board::credits_available() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {credits_.packets_available(), credits_.bytes_available()};
}

std::optional<Event> Board::next_event(std::chrono::milliseconds timeout) {
  Lock lk(mutex_);
  wait_until(
      lk, [&] { return !events_.empty(); }, now() + timeout);
  if (events_.empty()) return std::nullopt;
  Event e = events_.front();
  events_.pop_front();
  return e;
}

void Board::set_event_callback(std::function<void(const Event&)> callback) {
  Lock lk(mutex_);
  event_callback_ = std::move(callback);
  if (!event_callback_) return;
  std::deque<Event> queued;
  queued.swap(events_);
  const auto cb = event_callback_;
  lk.unlock();
  for (const Event& e : queued) cb(e);
}

}  // namespace ipsec_fpga::driver
