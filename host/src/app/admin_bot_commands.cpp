#include "app/admin_bot_commands.hpp"

namespace tb::host {

std::string admin_bot_commands::report(std::string_view name) {
  if (name == "status") return backend_.status().dump();
  if (name == "stats") return backend_.stats().dump();
  if (name == "positions") return backend_.positions().dump();
  throw unknown_report("no report named '" + std::string(name) +
                       "' (status, stats and positions exist)");
}

void admin_bot_commands::set_paused(bool paused, std::string_view who) {
  if (paused) {
    backend_.pause();
  } else {
    backend_.resume();
  }
  log_->warn("new entries {} by {}", paused ? "paused" : "resumed", who);
}

}  // namespace tb::host
