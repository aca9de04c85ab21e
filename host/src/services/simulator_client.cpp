#include "services/simulator_client.hpp"

#include <string>

#include "plugin/plugin_call.hpp"

namespace tb::host {

std::optional<simulator_client> simulator_client::of(const plugin_instance& instance) {
  const auto* table = instance.interface<tb_simulator_v1>();
  if (table == nullptr) return std::nullopt;
  return simulator_client(instance, *table);
}

void simulator_client::advance_to(std::int64_t until_ms) const {
  checked_call(instance_->site("simulator.advance_to()"), [&](tb_error* err) {
    return table_->advance_to(instance_->self(), until_ms, err);
  });
}

bool simulator_client::stops_at_account_events() const noexcept {
  return TB_HAS(table_, tb_simulator_v1, advance_to_account_event) &&
         table_->advance_to_account_event != nullptr;
}

std::int64_t simulator_client::advance_to_account_event(std::int64_t from_ms,
                                                        std::int64_t until_ms) const {
  if (!stops_at_account_events()) {
    advance_to(until_ms);
    return until_ms;
  }
  std::int64_t played_to = until_ms;
  const auto site = instance_->site("simulator.advance_to_account_event()");
  checked_call(site, [&](tb_error* err) {
    return table_->advance_to_account_event(instance_->self(), until_ms, &played_to, err);
  });
  if (played_to > until_ms || (played_to <= from_ms && played_to != until_ms)) {
    throw plugin_error(plugin_errc::call_failed, instance_->info().path,
                       describe_site(site) + " played to " + std::to_string(played_to) +
                           ", outside (" + std::to_string(from_ms) + ", " +
                           std::to_string(until_ms) + "]");
  }
  return played_to;
}

}  // namespace tb::host
