#pragma once
// A new version of a running strategy, loaded and started beside it, and the hand-over of
// state between the two: steps 1 and 2 of a hot reload (strategy_reloader.hpp). Nothing
// here touches the running version except to call its data_needs() and save_state().
//
// Every function throws std::runtime_error whose message names the version's file and the
// check that failed; what was created is destroyed on the way out.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "plugin/plugin_copy.hpp"
#include "plugin/plugin_info.hpp"

namespace tb::host {

struct strategy_candidate {
  plugin_copy copy;    // the private copy it was loaded from
  std::string origin;  // "version <copy> of strategy 'x' (copied from <file>)", for messages
  plugin_info info;
  std::vector<owned_instance> shards;  // created and started, in the running shards' order
};

// Per shard, the blob its save_state() gave; nullopt: no state (an empty blob, or
// TB_E_UNSUPPORTED).
using strategy_states = std::vector<std::optional<std::string>>;

// Opens `copy` (made from `origin`) and checks it is a strategy with the running plugin's
// id, then creates and starts one instance per running shard, each with a host API table of
// its own carrying the running shard's name and settings, and asks the first for its data
// needs (a change from the running version's is logged as a warning). Logs the load with the
// plugin's version and build info.
strategy_candidate load_strategy_candidate(core_services& services, const plugin_set& plugins,
                                           spdlog::logger& log, const std::string& strategy,
                                           const std::filesystem::path& origin, plugin_copy copy,
                                           const std::vector<const plugin_instance*>& running);

// The running shards' states.
strategy_states save_strategy_states(const std::string& strategy,
                                     const std::vector<const plugin_instance*>& running);

// Hands states[k] to the candidate's shard k, skipping the shards without one.
void load_strategy_states(const strategy_candidate& candidate, const std::string& strategy,
                          const strategy_states& states);

}  // namespace tb::host
