#pragma once
// What the running bot answers to chat commands, reached by plugins through the host
// extension "tb.bot/1" (ABI 1.5): a report as JSON, and pausing or resuming new entries.
//
// Plugins are created before the bot's services exist and outlive them, so the host hands
// plugins a slot: the service binds its implementation once it exists and unbinds it before
// it goes (waiting for calls in flight); a call in between fails with TB_E_STATE.
#include <memory>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tb::host {

class bot_commands {
 public:
  virtual ~bot_commands() = default;
  // "status", "stats" or "positions" as JSON text; throws unknown_report for another name.
  // [any]
  virtual std::string report(std::string_view name) = 0;
  // Stops (true) or resumes (false) taking new entries; `who` asked for it. [any]
  virtual void set_paused(bool paused, std::string_view who) = 0;
};

class unknown_report : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// No bot bound (starting, stopping, or a host that runs none).
class bot_unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class bot_commands_slot {
 public:
  // The bot answers until unbind(); `commands` must outlive that.
  void bind(bot_commands& commands);
  // Returns once no call is in flight; later calls throw bot_unavailable.
  void unbind();

  // Forwarded to the bound bot; throws bot_unavailable when there is none.
  std::string report(std::string_view name);
  void set_paused(bool paused, std::string_view who);

 private:
  std::shared_mutex mutex_;
  bot_commands* bound_ = nullptr;
};

// Binds for the guard's lifetime.
class bot_commands_binding {
 public:
  bot_commands_binding(bot_commands_slot& slot, bot_commands& commands) : slot_(slot) {
    slot_.bind(commands);
  }
  ~bot_commands_binding() { slot_.unbind(); }
  bot_commands_binding(const bot_commands_binding&) = delete;
  bot_commands_binding& operator=(const bot_commands_binding&) = delete;

 private:
  bot_commands_slot& slot_;
};

}  // namespace tb::host
