#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tb::host {

// The journal's enumerations. Each is stored (and written to trades.json) as the name in its
// names<> table below; the schema's CHECK constraints list the same names.

enum class trade_mode { live, paper, backtest };
enum class position_side { long_side, short_side };  // "long", "short"
enum class order_side { buy, sell };
// planned: journalled, nothing sent yet; sent: the entry is on its way; open: a position is
// held; closed / failed: resolved; unknown: the outcome must be asked of the exchange.
enum class intent_state { planned, sent, open, closed, failed, unknown };
enum class order_role { entry, stop, take_profit, close };
enum class order_state { planned, sent, open, partially_filled, filled, canceled, rejected, expired, unknown };
enum class exit_reason { stop_loss, take_profit, manual, time_exit, reconciled };

template <class E>
struct names;
template <>
struct names<trade_mode> {
  static constexpr std::array<std::string_view, 3> values{"live", "paper", "backtest"};
};
template <>
struct names<position_side> {
  static constexpr std::array<std::string_view, 2> values{"long", "short"};
};
template <>
struct names<order_side> {
  static constexpr std::array<std::string_view, 2> values{"buy", "sell"};
};
template <>
struct names<intent_state> {
  static constexpr std::array<std::string_view, 6> values{"planned", "sent",   "open",
                                                          "closed",  "failed", "unknown"};
};
template <>
struct names<order_role> {
  static constexpr std::array<std::string_view, 4> values{"entry", "stop", "take_profit", "close"};
};
template <>
struct names<order_state> {
  static constexpr std::array<std::string_view, 9> values{
      "planned", "sent",     "open",    "partially_filled", "filled",
      "canceled", "rejected", "expired", "unknown"};
};
template <>
struct names<exit_reason> {
  static constexpr std::array<std::string_view, 5> values{"stop_loss", "take_profit", "manual",
                                                          "time_exit", "reconciled"};
};

template <class E>
constexpr std::string_view name_of(E value) noexcept {
  return names<E>::values[static_cast<std::size_t>(value)];
}

// The value named `text`, or nullopt when no value has that name.
template <class E>
constexpr std::optional<E> parse_name(std::string_view text) noexcept {
  for (std::size_t i = 0; i < names<E>::values.size(); ++i) {
    if (names<E>::values[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace tb::host
