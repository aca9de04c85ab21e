#include "plugin/bot_commands.hpp"

#include <mutex>

namespace tb::host {
namespace {

constexpr char not_running[] = "the bot is not running yet (starting) or any more (stopping)";

}  // namespace

void bot_commands_slot::bind(bot_commands& commands) {
  std::unique_lock lock(mutex_);
  bound_ = &commands;
}

void bot_commands_slot::unbind() {
  std::unique_lock lock(mutex_);  // waits for the calls in flight, which hold it shared
  bound_ = nullptr;
}

std::string bot_commands_slot::report(std::string_view name) {
  std::shared_lock lock(mutex_);
  if (bound_ == nullptr) throw bot_unavailable(not_running);
  return bound_->report(name);
}

void bot_commands_slot::set_paused(bool paused, std::string_view who) {
  std::shared_lock lock(mutex_);
  if (bound_ == nullptr) throw bot_unavailable(not_running);
  bound_->set_paused(paused, who);
}

}  // namespace tb::host
