#pragma once
// The chat commands' view of the bot (extension tb.bot/1) answered by the admin API's own
// backend, so /status in Discord and GET /api/status are the same report.
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "api/admin_backend.hpp"
#include "plugin/bot_commands.hpp"

namespace tb::host {

class admin_bot_commands final : public bot_commands {
 public:
  // `backend` must outlive this object; pauses and resumes are logged to `log` with who.
  admin_bot_commands(admin_backend& backend, std::shared_ptr<spdlog::logger> log)
      : backend_(backend), log_(std::move(log)) {}

  std::string report(std::string_view name) override;
  void set_paused(bool paused, std::string_view who) override;

 private:
  admin_backend& backend_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace tb::host
