#include "services/simulator_client.hpp"

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

}  // namespace tb::host
