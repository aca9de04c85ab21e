// Trade ideas: the signal builder a strategy fills, and the host's sink it emits them to.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "tradingbot/tb_abi.h"

namespace tb::sdk {

enum class side : std::int32_t {
  long_ = TB_SIDE_LONG,   // buy
  short_ = TB_SIDE_SHORT, // sell
};

// A trade idea. Owns its strings, so it may be built, stored and moved freely; to_c() makes
// the C struct pointing into this object. Prices are plain doubles (analysis values); the
// host rounds them to the exchange's tick size when it turns a signal into orders.
class signal {
 public:
  // `time_ms`: close time of the candle the signal was decided on.
  signal(std::string symbol, std::uint32_t symbol_id, side direction, std::uint32_t interval_s,
         std::int64_t time_ms)
      : symbol_(std::move(symbol)) {
    c_.symbol_id = symbol_id;
    c_.side = static_cast<std::int32_t>(direction);
    c_.interval_s = interval_s;
    c_.time_ms = time_ms;
  }

  signal& entry(double price) noexcept { c_.entry = price; return *this; }
  signal& stop_loss(double price) noexcept { c_.stop_loss = price; return *this; }
  signal& take_profit(double price) noexcept { c_.take_profit = price; return *this; }
  // 0..1, the ranking key across strategies and symbols.
  signal& confidence(double value) noexcept { c_.confidence = value; return *this; }
  // A readable list of the confluences behind the idea.
  signal& reason(std::string text) { reason_ = std::move(text); return *this; }
  // Optional free-form detail, a JSON object.
  signal& meta_json(std::string json) { meta_json_ = std::move(json); return *this; }
  signal& time_ms(std::int64_t value) noexcept { c_.time_ms = value; return *this; }

  const std::string& symbol() const noexcept { return symbol_; }

  // The C struct with struct_size set; its strings point into this object and stay valid
  // while it lives unchanged. reason and meta_json are NULL when empty.
  tb_signal to_c() const noexcept {
    tb_signal out = c_;
    out.struct_size = static_cast<std::uint32_t>(sizeof(tb_signal));
    out.symbol = symbol_.c_str();
    out.reason = reason_.empty() ? nullptr : reason_.c_str();
    out.meta_json = meta_json_.empty() ? nullptr : meta_json_.c_str();
    return out;
  }

 private:
  tb_signal c_{};
  std::string symbol_;
  std::string reason_;
  std::string meta_json_;
};

// The host's signal sink for one on_scan call. [instance]: emit from the on_scan thread
// only, before on_scan returns. The host copies what it is given.
class signal_sink {
 public:
  // `raw` may be NULL: every emit then answers TB_E_UNSUPPORTED.
  explicit signal_sink(const tb_signal_sink* raw) noexcept : raw_(raw) {}

  bool available() const noexcept {
    return raw_ != nullptr && TB_HAS(raw_, tb_signal_sink, emit) && raw_->emit != nullptr;
  }

  // TB_OK when the host took the signal; its status (e.g. TB_E_INVALID_ARGUMENT for a
  // malformed idea) otherwise. A refusal is the host's decision, not a strategy failure.
  tb_status emit(const signal& idea) const noexcept {
    const tb_signal c = idea.to_c();
    return emit(c);
  }
  // The C form; struct_size is set here whatever the caller left in it.
  tb_status emit(tb_signal c) const noexcept {
    if (!available()) return TB_E_UNSUPPORTED;
    c.struct_size = static_cast<std::uint32_t>(sizeof(tb_signal));
    return raw_->emit(raw_->ctx, &c);
  }

 private:
  const tb_signal_sink* raw_;
};

}  // namespace tb::sdk
