// tb::sdk::bot: the running bot as the host offers it to chat commands (extension "tb.bot/1",
// ABI 1.5): the admin API's status, stats and positions reports as JSON, and pausing or
// resuming new entries. A host that runs no bot (a backtest, `plugins check`) offers none.
#pragma once

#include <string>
#include <string_view>

#include "tradingbot/sdk/detail/sized_text.hpp"
#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {

class bot {
 public:
  explicit bot(const host& services) noexcept
      : ctx_(services.raw() != nullptr ? services.raw()->ctx : nullptr),
        table_(services.extension_as<tb_bot_v1>(TB_EXTENSION_BOT_V1)) {}

  // [any] Whether the host offers the extension at all.
  bool available() const noexcept {
    return table_ != nullptr && table_->report != nullptr && table_->set_paused != nullptr;
  }

  // [any] "status", "stats" or "positions" as JSON text. Throws tb::sdk::error with the
  // host's status and message (TB_E_STATE while the bot starts or stops, TB_E_UNSUPPORTED
  // when the host offers no bot).
  std::string report(std::string_view name) const {
    if (!available()) throw error(TB_E_UNSUPPORTED, "the host runs no bot (no tb.bot/1)");
    const std::string key(name);
    tb_error err{};
    return detail::read_sized_text(
        [&](char* buf, std::size_t capacity, std::size_t* length) {
          err = tb_error{};
          return table_->report(ctx_, key.c_str(), buf, capacity, length, &err);
        },
        "the bot's " + key + " report", [&](tb_status status) { return message(status, err); });
  }

  // [any] Stops (true) or resumes (false) taking new entries; `who` names the requester in
  // the host's log. Throws tb::sdk::error like report().
  void set_paused(bool paused, std::string_view who) const {
    if (!available()) throw error(TB_E_UNSUPPORTED, "the host runs no bot (no tb.bot/1)");
    const std::string requester(who);
    tb_error err{};
    const tb_status status = table_->set_paused(ctx_, paused ? 1 : 0, requester.c_str(), &err);
    if (status != TB_OK) {
      throw error(status, std::string(paused ? "pausing" : "resuming") + " the bot: " +
                              message(status, err));
    }
  }

 private:
  static std::string message(tb_status status, const tb_error& err) {
    const std::size_t n = strnlen(err.message, sizeof err.message);
    return n > 0 ? std::string(err.message, n) : std::string(tb_status_name(status));
  }

  void* ctx_;
  const tb_bot_v1* table_;
};

}  // namespace tb::sdk
