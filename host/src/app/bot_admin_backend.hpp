#pragma once
// The admin API's answers (api/admin_backend.hpp) from the running bot: readiness, pause and
// reload through the service loop's control, status and statistics from the
// MonitoringService, positions and trades from the journal, metrics from the registry.
#include "api/admin_backend.hpp"
#include "app/core_services.hpp"
#include "app/service_control.hpp"
#include "services/monitoring_service.hpp"
#include "store/trade_journal.hpp"

namespace tb::host {

class bot_admin_backend final : public admin_backend {
 public:
  // Everything given must outlive the backend (the admin server is stopped first).
  bot_admin_backend(service_control& control, core_services& services,
                    monitoring_service& monitoring, trade_journal& journal, trade_mode mode);

  bool ready(std::string& why) override;
  std::string metrics_text() override;
  nlohmann::json status() override;
  nlohmann::json stats() override;
  nlohmann::json positions() override;
  nlohmann::json trades(std::size_t limit, std::optional<std::int64_t> since_ms) override;
  nlohmann::json signals() override;
  nlohmann::json pause() override;
  nlohmann::json resume() override;
  nlohmann::json reload() override;

 private:
  service_control& control_;
  core_services& services_;
  monitoring_service& monitoring_;
  trade_journal& journal_;
  trade_mode mode_;
};

}  // namespace tb::host
