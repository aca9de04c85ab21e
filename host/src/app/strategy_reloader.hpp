#pragma once
// Strategy hot reload: a new version of a strategy plugin takes over from the running one
// between two scans, with its state, without a restart.
//
// Only strategies are reloaded. Exchange and notifier plugins own threads and sockets, are
// pinned in memory (RTLD_NODELETE) and are replaced only by a restart; this class never
// touches them.
//
// A reload of one strategy:
//  1. Load beside the running version. The plugin file (<id>.so, found again along the
//     search path) is copied to <state_dir>/plugins/<id>.<generation>.<sha256 prefix>.so
//     (plugin_copy.hpp says why every version needs a path of its own) and opened from there:
//     entry symbol, ABI, kind strategy, id equal to the configured name. Each shard gets a new
//     instance with its own host API table (the running shard's name and settings), created
//     and started, and the new version must answer data_needs() (a change of needs is logged:
//     the market scan plan is not widened until a restart).
//  2. Hand-over: each old shard's save_state() goes to its new counterpart's load_state(). An
//     empty blob or TB_E_UNSUPPORTED from save_state() means there is no state, and
//     load_state() is not called; any other failure of either, TB_E_UNSUPPORTED from
//     load_state() included, stops the reload.
//  3. Swap: the engine runs the new shards from its next batch, and the plugin_set owns them.
//  4. Unload: the old instances are stopped and destroyed and their library released, then
//     dlopen(path, RTLD_NOLOAD) checks that it left the process. If it did not, that is a
//     warning and tb_plugin_unload_leaked_total{plugin}: it costs only memory, since every
//     version has its own path. The old copy is deleted unless it is kept to roll back to.
// When 1 or 2 fails the running version is untouched: the new instances are destroyed, the
// copy deleted, the alert `reload:<name>` (warning) raised, and the outcome is `refused`, its
// problem naming the file and the check that failed. That file is not tried again until it
// changes (inode, size or mtime), unless the reload is forced.
//
// Probation and rollback (probation_faults = N > 0). A reloaded strategy is on probation
// from its swap until N scans in a row are clean (the engine's scan_record: a scan is one
// batch that handed it series; it failed when one of its shards failed). Meanwhile the last
// version that passed probation (or ran since start-up) is kept on disk with the state it
// handed over. If the strategy fails N scans in a row while on probation, after_scan() rolls
// it back: that version is loaded again from a new copy (steps 1, 3 and 4) and resumes from
// the state it handed over (the faulting version's state is not trusted), the alert
// `reload:<name>:rollback` (warning) is raised, and the faulting file is not tried again
// until it changes. A reload during probation replaces the version on probation and keeps the
// same fallback. When probation passes, the fallback's copy is deleted. A rollback that
// fails leaves the faulting version running and raises `reload:<name>:rollback` as critical.
// N = 0: no probation and no rollback.
//
// The version running at start-up is copied (as generation 0) when the reloader is made, so
// that it can be rolled back to: make the reloader right after plugin_set::load(). If the
// file changed in between, there is no copy of what runs, and no rollback to it.
//
// Files: the reloader owns <state_dir>/plugins/<id>.* for the strategies it manages; it
// deletes leftovers of an earlier run when made and its copies when destroyed (a running
// copy may be deleted: the mapping keeps its bytes).
//
// Metrics: tb_strategy_reloads_total{strategy,outcome} (reloaded, refused, rolled_back),
// tb_strategy_reload_swap_seconds{strategy} (from the start of the hand-over to the swap),
// tb_plugin_unload_leaked_total{plugin}. Logs (component "reload"): every version loaded,
// with its version and build info, and every outcome.
//
// Threading: [control]. reload() and after_scan() run on the scan thread between two scans
// (never during strategy_pass::run()). The services, plugin_set and strategy_pass must
// outlive the reloader; use one reloader per plugin_set.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/logger.h>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "app/strategy_candidate.hpp"
#include "app/strategy_pass.hpp"
#include "plugin/plugin_copy.hpp"

namespace tb::host {

struct reload_outcome {
  std::string strategy;  // the configured name
  enum class result { unchanged, reloaded, refused, rolled_back } what = result::unchanged;
  // reloaded: the old and the new version; refused: the running one and the one refused (when
  // it got as far as loading); rolled_back: the faulting one and the one restored.
  std::string from_version, to_version;
  // Why refused or rolled back, naming the file and the failed check; for unchanged, why the
  // last attempt at this same file failed (or that the file is missing), else empty.
  std::string problem;
  std::int64_t swap_ns = 0;   // from the start of the hand-over to the swap
  bool old_unloaded = false;  // verified with dlopen(path, RTLD_NOLOAD)
};

// "unchanged", "reloaded", "refused", "rolled_back": the metrics' and the API's spelling.
const char* to_string(reload_outcome::result result) noexcept;

class strategy_reloader {
 public:
  // Manages every strategy of `strategies` whose instances the plugin_set owns.
  strategy_reloader(core_services& services, plugin_set& plugins, strategy_pass& strategies,
                    std::filesystem::path state_dir, std::uint32_t probation_faults);
  ~strategy_reloader();
  strategy_reloader(const strategy_reloader&) = delete;
  strategy_reloader& operator=(const strategy_reloader&) = delete;

  // Reloads every strategy whose plugin file changed (inode, size, mtime) since its running
  // version was loaded or since the last attempt, or all of them when `force`. One outcome
  // per strategy, in the engine's order. [control, between two scans]
  std::vector<reload_outcome> reload(bool force = false);

  // Ends probation for the strategies with probation_faults clean scans in a row, and rolls
  // back those with probation_faults failed scans in a row; one outcome per rollback (refused
  // when the rollback failed). Call it after every scan. [control, between two scans]
  std::vector<reload_outcome> after_scan();

  // The plugin file strategy `name` (or the instance of that name) is reloaded from, as last
  // found; empty when the reloader does not manage it.
  std::filesystem::path source_of(std::string_view name) const;
  bool on_probation(std::string_view name) const;

 private:
  struct fallback;
  struct tracked;

  tracked* find(std::string_view name) const noexcept;
  // The running version's plugin info (its first shard's).
  const plugin_info& running(const tracked& t) const;
  // Generation 0: a copy of the version running since start-up, to roll back to.
  void copy_running_version(tracked& t);
  reload_outcome reload_one(tracked& t, bool force);
  reload_outcome roll_back(tracked& t);

  // Throws std::runtime_error naming the file, for a refusal.
  plugin_copy copy_version(tracked& t, const std::filesystem::path& from);
  // Steps 1 to 4 with `copy` of `origin`: loads it, hands it `states` (when nullopt, the
  // running shards' own, saved now), swaps it in and retires the running version. Fills
  // o.to_version, o.swap_ns and o.old_unloaded and returns the states handed over. Throws as
  // copy_version, having destroyed what it made and deleted `copy`, when a step before the
  // swap fails; the running version is untouched then. t.own_copy is the caller's to update.
  strategy_states take_over(tracked& t, const std::filesystem::path& origin, plugin_copy copy,
                            std::optional<strategy_states> states, reload_outcome& o);
  void swap_engine(const tracked& t, const strategy_candidate& c);  // throws as copy_version
  // Past the swap, nothing fails: the plugin_set takes the new instances, the old ones are
  // stopped and destroyed. Returns whether the old library left the process.
  bool retire_old(const tracked& t, strategy_candidate& c);

  reload_outcome refuse(tracked& t, reload_outcome o, const std::string& problem);
  void alert(const std::string& key, alert_severity severity, const std::string& title,
             const std::string& detail);
  void remove_copy(const std::filesystem::path& path) const noexcept;

  core_services& services_;
  plugin_set& plugins_;
  strategy_pass& strategies_;
  std::filesystem::path copy_dir_;
  std::uint32_t probation_faults_;
  std::shared_ptr<spdlog::logger> log_;
  std::vector<std::unique_ptr<tracked>> tracked_;
};

}  // namespace tb::host
