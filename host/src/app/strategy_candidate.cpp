#include "app/strategy_candidate.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <utility>

#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"
#include "services/strategy_client.hpp"

namespace tb::host {
namespace {

// "1h x 10, 4h x 200", sorted, for comparing and logging data needs.
std::string needs_text(const std::vector<tb_data_need>& needs) {
  std::vector<std::string> items;
  for (const auto& need : needs) {
    items.push_back(std::string(need.interval, strnlen(need.interval, sizeof need.interval)) +
                    " x " + std::to_string(need.lookback));
  }
  std::sort(items.begin(), items.end());
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "nothing" : text;
}

// Checks that the candidate answers data_needs(), and says so when it needs other candles.
void check_needs(const strategy_candidate& c, const std::string& strategy,
                 const plugin_instance& running, spdlog::logger& log) {
  std::vector<tb_data_need> needs;
  try {
    const strategy_status status =
        strategy_client(*c.shards.front().instance, strategy).data_needs(needs);
    if (!status.ok()) {
      throw std::runtime_error(c.origin + ": data_needs() failed: " + status.describe());
    }
  } catch (const plugin_error& e) {  // its tb.strategy/1 table is malformed
    throw std::runtime_error(c.origin + " is not a usable strategy: " + e.what());
  } catch (const std::invalid_argument& e) {  // it has none
    throw std::runtime_error(c.origin + " is not a usable strategy: " + e.what());
  }
  std::vector<tb_data_need> running_needs;
  if (strategy_client(running, strategy).data_needs(running_needs).ok() &&
      needs_text(running_needs) != needs_text(needs)) {
    log.warn("strategy '{}' {} needs {} where {} needed {}; the market scan keeps its plan "
             "until a restart",
             strategy, c.info.version, needs_text(needs), running.info().version,
             needs_text(running_needs));
  }
}

}  // namespace

strategy_candidate load_strategy_candidate(core_services& services, const plugin_set& plugins,
                                           spdlog::logger& log, const std::string& strategy,
                                           const std::filesystem::path& origin, plugin_copy copy,
                                           const std::vector<const plugin_instance*>& running) {
  if (running.empty()) throw std::runtime_error("strategy '" + strategy + "' has no instance");
  strategy_candidate c;
  c.copy = std::move(copy);
  c.origin = "version " + c.copy.path.filename().string() + " of strategy '" + strategy +
             "' (copied from " + origin.string() + ")";
  std::shared_ptr<const plugin_library> library;
  try {
    library = plugin_library::open(c.copy.path, running.front()->info().id);
  } catch (const std::exception& e) {
    throw std::runtime_error(c.origin + " does not load: " + e.what());
  }
  c.info = library->info();
  log.info("loaded {} for strategy '{}' (sha256 {})", describe(c.info), strategy, c.copy.sha256);
  if (c.info.kind != TB_KIND_STRATEGY) {
    throw std::runtime_error(c.origin + " is a plugin of kind '" + kind_name(c.info.kind) +
                             "', not a strategy; only strategies are reloaded");
  }
  try {
    for (const plugin_instance* shard : running) {
      const host_api_table* table = plugins.table_of(shard->name());
      if (table == nullptr) {
        throw std::logic_error("the plugin set has no instance '" + shard->name() + "'");
      }
      owned_instance next;
      next.table = std::make_unique<host_api_table>(services.services(), shard->name(),
                                                    table->settings_json());
      next.instance = plugin_instance::create(library, next.table->api(), shard->name());
      next.instance->start();
      c.shards.push_back(std::move(next));
    }
  } catch (const std::exception& e) {
    throw std::runtime_error(c.origin + " does not start: " + e.what());
  }
  check_needs(c, strategy, *running.front(), log);
  return c;
}

strategy_states save_strategy_states(const std::string& strategy,
                                     const std::vector<const plugin_instance*>& running) {
  strategy_states states;
  for (const plugin_instance* shard : running) {
    std::string blob;
    const strategy_status status = strategy_client(*shard, strategy).save_state(blob);
    if (status.code == TB_E_UNSUPPORTED) {
      states.emplace_back();
      continue;
    }
    if (!status.ok()) {
      throw std::runtime_error("the running version " + shard->info().version + " (" +
                               shard->info().path.string() +
                               ") could not save its state: " + status.describe());
    }
    states.push_back(blob.empty() ? std::nullopt : std::optional<std::string>(std::move(blob)));
  }
  return states;
}

void load_strategy_states(const strategy_candidate& candidate, const std::string& strategy,
                          const strategy_states& states) {
  if (states.size() != candidate.shards.size()) {
    throw std::runtime_error(candidate.origin + ": " + std::to_string(states.size()) +
                             " states for " + std::to_string(candidate.shards.size()) +
                             " shards");
  }
  for (std::size_t k = 0; k < states.size(); ++k) {
    if (!states[k]) continue;
    const plugin_instance& shard = *candidate.shards[k].instance;
    const strategy_status status = strategy_client(shard, strategy).load_state(*states[k]);
    if (!status.ok()) {
      throw std::runtime_error(candidate.origin + " refused the state of shard '" +
                               shard.name() + "' (" + std::to_string(states[k]->size()) +
                               " bytes), so the running version keeps it: " +
                               status.describe());
    }
  }
}

}  // namespace tb::host
