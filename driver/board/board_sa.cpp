// The Board's SAs: entry allocation, inbound SPI assignment, install,
// update, remove (erase and verify), status, raw word access.
#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "board/board.hpp"
#include "board/payload.hpp"
#include "sa/sa_words.hpp"

namespace ipsec_fpga::driver {

namespace layout = host_link::layout;
using host_link::Frame;

namespace {

// The status fields live in words 0..25 (sa_layout.def): one short read.
constexpr unsigned status_words = sa_layout::error_event_raised.word + 1;

std::string entry_text(unsigned entry) { return "SA entry " + std::to_string(entry); }

std::string hex32(std::uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", v);
  return text;
}

}  // namespace

std::vector<std::uint32_t> Board::read_sa_words(unsigned entry, unsigned first_word,
                                                unsigned count) {
  namespace f = layout::fields::sa_read_response;
  const std::string what = "sa_read of " + entry_text(entry) + " words " +
                           std::to_string(first_word) + ".." +
                           std::to_string(first_word + count - 1);
  std::vector<std::uint8_t> request;
  payload::put(request, entry, 2);
  payload::put(request, first_word, 1);
  payload::put(request, count, 1);
  const Frame response =
      transact(FrameType::sa_read, request, FrameType::sa_read_response, true, what);
  if (payload::get(response.payload, f::entry) != entry ||
      payload::get(response.payload, f::first_word) != first_word)
    throw ProtocolError(what + ": response names another entry or word");
  check_result(response, what);
  const std::size_t bytes = response.payload.size() - f::words.offset;
  if (bytes != count * 4u)
    throw ProtocolError(what + ": response holds " + std::to_string(bytes / 4) + " words");
  std::vector<std::uint32_t> words(count);
  for (unsigned i = 0; i < count; ++i)
    for (unsigned b = 0; b < 4; ++b)
      words[i] = (words[i] << 8) | response.payload[f::words.offset + 4 * i + b];
  return words;
}

void Board::write_sa_words(unsigned entry, unsigned first_word,
                           std::span<const std::uint32_t> words) {
  namespace f = layout::fields::sa_write_response;
  const std::string what = "sa_write of " + entry_text(entry) + " words " +
                           std::to_string(first_word) + ".." +
                           std::to_string(first_word + words.size() - 1);
  std::vector<std::uint8_t> request;
  request.reserve(3 + 4 * words.size());
  payload::put(request, entry, 2);
  payload::put(request, first_word, 1);
  for (std::uint32_t w : words) payload::put(request, w, 4);
  Frame response;
  try {
    response = transact(FrameType::sa_write, request, FrameType::sa_write_response, true, what);
  } catch (...) {
    cleanse(request);  // it held key words
    throw;
  }
  cleanse(request);
  if (payload::get(response.payload, f::entry) != entry ||
      payload::get(response.payload, f::first_word) != first_word)
    throw ProtocolError(what + ": response names another entry or word");
  check_result(response, what);
  if (payload::get(response.payload, f::words) != (words.size() & 0xffu))
    throw ProtocolError(what + ": board wrote " +
                        std::to_string(payload::get(response.payload, f::words)) + " words");
}

void Board::erase_sa_entry(unsigned entry) {
  namespace f = layout::fields::sa_erase_response;
  const std::string what = "sa_erase of " + entry_text(entry);
  std::vector<std::uint8_t> request;
  payload::put(request, entry, 2);
  const Frame response =
      transact(FrameType::sa_erase, request, FrameType::sa_erase_response, true, what);
  if (payload::get(response.payload, f::entry) != entry)
    throw ProtocolError(what + ": response names another entry");
  check_result(response, what);
}

bool Board::entry_free(unsigned entry) {
  if (entries_[entry] == EntryState::unknown) {
    // Someone (another session) may have left an SA here: look before using it.
    const bool valid =
        sa_layout::extract(read_sa_words(entry, sa_layout::valid.word, 1)[0], sa_layout::valid);
    entries_[entry] = valid ? EntryState::foreign : EntryState::free;
  }
  return entries_[entry] == EntryState::free;
}

unsigned Board::find_free_entry() {
  expire_reservations();
  const unsigned n = capabilities_.sa_entries;
  for (unsigned i = 0; i < n; ++i) {
    const unsigned entry = (next_entry_hint_ + i) % n;
    if (entry_free(entry)) {
      next_entry_hint_ = (entry + 1) % n;
      return entry;
    }
  }
  throw UnsupportedError("SA table of " + transport_->description() + " is full (" +
                         std::to_string(n) + " entries)");
}

void Board::expire_reservations() {
  const auto now = std::chrono::steady_clock::now();
  for (auto it = reservations_.begin(); it != reservations_.end();) {
    if (it->second.deadline <= now) {
      if (entries_[it->first] == EntryState::reserved) entries_[it->first] = EntryState::free;
      it = reservations_.erase(it);
    } else {
      ++it;
    }
  }
}

std::uint32_t Board::reserve_inbound_spi(std::chrono::milliseconds hold,
                                         std::optional<std::uint32_t> wanted) {
  std::lock_guard<std::mutex> sa_lock(sa_mutex_);
  unsigned entry = 0;
  std::uint32_t spi = 0;
  if (wanted) {
    if (*wanted < 256)
      throw std::invalid_argument("inbound SPI " + hex32(*wanted) +
                                  ": 0..255 are reserved (RFC 4303 section 2.1)");
    expire_reservations();
    const unsigned bits = capabilities_.entry_bits();
    entry = bits >= 32 ? *wanted : (*wanted & ((1u << bits) - 1));
    if (!entry_free(entry))
      throw UnsupportedError("inbound SPI " + hex32(*wanted) + " names " + entry_text(entry) +
                             " of " + transport_->description() + ", which is in use");
    spi = *wanted;
  } else {
    entry = find_free_entry();
    spi = make_inbound_spi(entry);
  }
  entries_[entry] = EntryState::reserved;
  reservations_[entry] = {spi, std::chrono::steady_clock::now() + hold};
  return spi;
}

void Board::release_inbound_spi(std::uint32_t spi) {
  std::lock_guard<std::mutex> sa_lock(sa_mutex_);
  for (auto it = reservations_.begin(); it != reservations_.end(); ++it) {
    if (it->second.spi != spi) continue;
    if (entries_[it->first] == EntryState::reserved) entries_[it->first] = EntryState::free;
    reservations_.erase(it);
    return;
  }
}

std::size_t Board::reserved_inbound_spis() {
  std::lock_guard<std::mutex> sa_lock(sa_mutex_);
  expire_reservations();
  return reservations_.size();
}

void Board::erase_and_verify(unsigned entry) {
  erase_sa_entry(entry);
  const std::vector<std::uint32_t> words = read_sa_words(entry, 0, sa_layout::entry_words);
  for (unsigned w = 0; w < words.size(); ++w)
    if (words[w] != 0)
      throw ProtocolError(entry_text(entry) + " not zero after sa_erase: word " +
                          std::to_string(w) + " reads " + hex32(words[w]));
  entries_[entry] = EntryState::free;
}

unsigned Board::clear_sa_table() {
  std::lock_guard<std::mutex> sa_lock(sa_mutex_);
  reservations_.clear();
  unsigned erased = 0;
  for (unsigned entry = 0; entry < capabilities_.sa_entries; ++entry) {
    const bool valid =
        sa_layout::extract(read_sa_words(entry, sa_layout::valid.word, 1)[0], sa_layout::valid);
    if (valid) {
      erase_and_verify(entry);
      ++erased;
    }
    entries_[entry] = EntryState::free;
  }
  return erased;
}

std::uint32_t Board::make_inbound_spi(unsigned entry) const {
  const unsigned bits = capabilities_.entry_bits();
  for (;;) {
    std::uint32_t random = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&random), sizeof random) != 1)
      throw DriverError("RAND_bytes failed: no SPI for the inbound SA");
    const std::uint32_t upper = bits >= 32 ? 0 : random << bits;
    const std::uint32_t spi = upper | entry;
    if (spi >= 256) return spi;  // 0..255 are reserved (RFC 4303 section 2.1)
  }
}

void Board::prepare(SaParameters& sa) const {
  if (const std::string why = validation_error(sa); !why.empty())
    throw std::invalid_argument("SA parameters: " + why);
  const Capabilities& c = capabilities_;
  if (!c.has(sa.cipher) || !c.has(sa.integrity)) {
    std::ostringstream m;
    m << transport_->description() << " does not offer " << to_string(sa.cipher) << " + "
      << to_string(sa.integrity) << "; its suites:";
    for (const Suite& s : c.suites())
      m << ' ' << to_string(s.cipher) << '+' << to_string(s.integrity);
    throw UnsupportedError(m.str());
  }
  if (sa.replay_window == 0) sa.replay_window = c.replay_window;
  if (sa.direction == Direction::inbound && sa.replay_window != c.replay_window)
    throw UnsupportedError("replay window " + std::to_string(sa.replay_window) + ": " +
                           transport_->description() + "'s window is fixed at " +
                           std::to_string(c.replay_window) + " packets");
}

SaHandle Board::install_sa(SaParameters sa) {
  std::lock_guard<std::mutex> sa_lock(sa_mutex_);
  prepare(sa);
  unsigned entry = 0;
  bool reserved = false;
  if (sa.direction == Direction::inbound && sa.spi != 0) {
    expire_reservations();
    for (const auto& [e, r] : reservations_)
      if (r.spi == sa.spi) {
        entry = e;
        reserved = true;
        break;
      }
  }
  if (!reserved) {
    entry = find_free_entry();
    if (sa.direction == Direction::inbound) sa.spi = make_inbound_spi(entry);
  }
  SaWords words = sa_words(sa);
  try {
    write_sa_words(entry, 0, words);
  } catch (...) {
    cleanse_words(words);
    entries_[entry] = EntryState::unknown;  // half written, perhaps
    if (reserved) reservations_.erase(entry);
    throw;
  }
  cleanse_words(words);
  entries_[entry] = EntryState::ours;
  if (reserved) reservations_.erase(entry);
  return {entry, sa.spi, sa.direction, sa.encapsulation};
}

SaHandle Board::update_sa(const SaHandle& handle, SaParameters sa) {
  if (sa.direction != handle.direction)
    throw std::invalid_argument("update_sa: " + entry_text(handle.entry) + " is " +
                                std::string(to_string(handle.direction)) +
                                ", the new parameters are " + std::string(to_string(sa.direction)));
  std::lock_guard<std::mutex> sa_lock(sa_mutex_);
  prepare(sa);
  if (sa.direction == Direction::inbound) sa.spi = handle.spi;  // the entry is named by it
  SaWords words = sa_words(sa);
  try {
    write_sa_words(handle.entry, 0, words);
  } catch (...) {
    cleanse_words(words);
    throw;
  }
  cleanse_words(words);
  return {handle.entry, sa.spi, sa.direction, sa.encapsulation};
}

void Board::remove_sa(const SaHandle& handle) {
  std::lock_guard<std::mutex> sa_lock(sa_mutex_);
  erase_and_verify(handle.entry);
}

SaStatus Board::sa_status(const SaHandle& handle) {
  SaWords words{};
  const std::vector<std::uint32_t> read = read_sa_words(handle.entry, 0, status_words);
  std::copy(read.begin(), read.end(), words.begin());
  return parse_sa_status(words);
}

}  // namespace ipsec_fpga::driver
