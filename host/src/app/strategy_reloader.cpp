#include "app/strategy_reloader.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "app/strategy_candidate.hpp"
#include "plugin/plugin_instance.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view component = "reload";

using shard_list = std::vector<const plugin_instance*>;

double seconds(std::int64_t ns) { return static_cast<double>(ns) / 1e9; }

// As plugin_library records a plugin's path, so that a path found again compares equal.
fs::path normal_path(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return ec ? path : absolute.lexically_normal();
}

}  // namespace

// The version to roll back to while the running one is on probation.
struct strategy_reloader::fallback {
  fs::path copy;
  std::string version;
  strategy_states states;  // per shard, what it handed over
};

// The running version's version and library path are its instances' (running()).
struct strategy_reloader::tracked {
  std::string name;       // the engine's strategy name
  std::string plugin_id;  // its plugin: <plugin_id>.so
  fs::path source;        // the file the running version, or the last attempt, came from
  std::optional<file_identity> attempted;  // source's identity then; nullopt: unknown
  std::string attempt_problem;             // why that attempt failed; empty when it did not
  std::uint64_t next_generation = 1;
  fs::path own_copy;               // a private copy of the running version; empty: none
  std::optional<fallback> previous;  // set while on probation
  counter reloaded;
  counter refused;
  counter rolled_back;
  histogram swap_seconds;
};

const char* to_string(reload_outcome::result result) noexcept {
  switch (result) {
    case reload_outcome::result::unchanged: return "unchanged";
    case reload_outcome::result::reloaded: return "reloaded";
    case reload_outcome::result::refused: return "refused";
    case reload_outcome::result::rolled_back: return "rolled_back";
  }
  return "unknown";
}

strategy_reloader::strategy_reloader(core_services& services, plugin_set& plugins,
                                     strategy_pass& strategies, fs::path state_dir,
                                     std::uint32_t probation_faults)
    : services_(services),
      plugins_(plugins),
      strategies_(strategies),
      copy_dir_(std::move(state_dir) / "plugins"),
      probation_faults_(probation_faults),
      log_(services.logs().logger_for(component)) {
  metrics_registry& metrics = services_.metrics();
  for (const std::string& name : strategies_.engine().strategy_names()) {
    const shard_list shards = strategies_.engine().shards_of(name);
    const plugin_instance& first = *shards.front();
    if (std::any_of(shards.begin(), shards.end(),
                    [&](const auto* s) { return plugins_.table_of(s->name()) == nullptr; })) {
      log_->warn("strategy '{}' is not reloadable: its instances are not the configured "
                 "plugins'", name);
      continue;
    }
    auto t = std::make_unique<tracked>();
    t->name = name;
    t->plugin_id = first.info().id;
    t->source = first.info().path;
    for (const auto& outcome : plugins_.outcomes()) {
      if (outcome.name == first.name()) t->attempted = outcome.loaded_identity;
    }
    const auto reloads = [&](reload_outcome::result outcome) {
      return metrics.register_counter("tb_strategy_reloads_total",
                                      "Strategy hot reloads, by outcome",
                                      {{"strategy", name}, {"outcome", to_string(outcome)}});
    };
    t->reloaded = reloads(reload_outcome::result::reloaded);
    t->refused = reloads(reload_outcome::result::refused);
    t->rolled_back = reloads(reload_outcome::result::rolled_back);
    t->swap_seconds = metrics.register_histogram(
        "tb_strategy_reload_swap_seconds",
        "Time from the start of a strategy's state hand-over to the swap", {{"strategy", name}});

    if (const std::size_t stale = remove_private_copies(copy_dir_, t->plugin_id); stale > 0) {
      log_->info("deleted {} copies of {} left by an earlier run", stale, t->plugin_id);
    }
    if (probation_faults_ > 0) copy_running_version(*t);
    log_->info("strategy '{}' {} is reloaded from {}{}", name, first.info().version,
               t->source.string(),
               probation_faults_ == 0
                   ? std::string(" (no probation)")
                   : " (probation: " + std::to_string(probation_faults_) + " scans" +
                         (t->own_copy.empty() ? std::string(", but no copy to roll back to)")
                                              : ")"));
    tracked_.push_back(std::move(t));
  }
}

void strategy_reloader::copy_running_version(tracked& t) {
  try {
    plugin_copy copy = make_private_copy(t.source, copy_dir_, t.plugin_id, 0);
    if (t.attempted && copy.source == *t.attempted) {
      t.own_copy = copy.path;
      return;
    }
    remove_copy(copy.path);
    log_->warn("strategy '{}': {} changed since it was loaded; a reload cannot roll back to the "
               "running version", t.name, t.source.string());
  } catch (const std::exception& e) {
    log_->warn("strategy '{}': no copy of the running version to roll back to: {}", t.name,
               e.what());
  }
}

strategy_reloader::~strategy_reloader() {
  for (const auto& t : tracked_) remove_private_copies(copy_dir_, t->plugin_id);
}

fs::path strategy_reloader::source_of(std::string_view name) const {
  if (const tracked* t = find(name)) return t->source;
  for (const auto& t : tracked_) {
    for (const auto* shard : strategies_.engine().shards_of(t->name)) {
      if (shard->name() == name) return t->source;
    }
  }
  return {};
}

bool strategy_reloader::on_probation(std::string_view name) const {
  const tracked* t = find(name);
  return t != nullptr && t->previous.has_value();
}

strategy_reloader::tracked* strategy_reloader::find(std::string_view name) const noexcept {
  for (const auto& t : tracked_) {
    if (t->name == name) return t.get();
  }
  return nullptr;
}

const plugin_info& strategy_reloader::running(const tracked& t) const {
  return strategies_.engine().shards_of(t.name).front()->info();
}

std::vector<reload_outcome> strategy_reloader::reload(bool force) {
  std::vector<reload_outcome> outcomes;
  for (const auto& t : tracked_) outcomes.push_back(reload_one(*t, force));
  return outcomes;
}

reload_outcome strategy_reloader::reload_one(tracked& t, bool force) {
  reload_outcome o;
  o.strategy = t.name;
  o.from_version = running(t).version;
  fs::path from;
  try {
    from = normal_path(plugins_.find(t.plugin_id));
  } catch (const std::exception& e) {
    if (!force) {
      o.problem = std::string("the plugin file is missing, so the running version stays: ") +
                  e.what();
      log_->warn("strategy '{}': {}", t.name, o.problem);
      return o;
    }
    return refuse(t, std::move(o), std::string("no file to reload from: ") + e.what());
  }
  if (!force && from == t.source && t.attempted && identify(from) == t.attempted) {
    o.problem = t.attempt_problem;
    return o;
  }

  fs::path new_copy;
  strategy_states states;
  try {
    t.source = from;
    t.attempted = identify(from);
    plugin_copy copy = copy_version(t, from);
    t.attempted = copy.source;
    new_copy = copy.path;
    states = take_over(t, from, std::move(copy), std::nullopt, o);
  } catch (const std::exception& e) {  // a refused step, or the host out of memory
    return refuse(t, std::move(o), e.what());
  }
  o.what = reload_outcome::result::reloaded;

  // The old copy is kept to roll back to only if it was proven; one on probation is dropped
  // and the fallback stays.
  const bool proven = !t.previous.has_value();
  if (probation_faults_ > 0 && proven && !t.own_copy.empty()) {
    t.previous = fallback{t.own_copy, o.from_version, std::move(states)};
  } else {
    if (probation_faults_ > 0 && proven) {
      log_->warn("strategy '{}': no copy of {} is kept, so {} cannot be rolled back", t.name,
                 o.from_version, o.to_version);
    }
    remove_copy(t.own_copy);
  }
  t.own_copy = new_copy;
  t.attempt_problem.clear();
  t.reloaded.add();
  services_.alerts().resolve("reload:" + t.name);
  services_.alerts().resolve("reload:" + t.name + ":rollback");
  log_->info("strategy '{}' reloaded: {} -> {} from {}; hand-over and swap {:.3f} ms; the old "
             "version {}{}",
             t.name, o.from_version, o.to_version, t.source.string(), seconds(o.swap_ns) * 1e3,
             o.old_unloaded ? "unloaded" : "is still resident",
             t.previous ? "; on probation until " + std::to_string(probation_faults_) +
                              " clean scans in a row"
                        : std::string());
  return o;
}

std::vector<reload_outcome> strategy_reloader::after_scan() {
  std::vector<reload_outcome> outcomes;
  for (const auto& t : tracked_) {
    if (!t->previous) continue;
    const scan_record record = strategies_.engine().scan_record_of(t->name);
    if (record.failed_in_a_row >= probation_faults_) {
      outcomes.push_back(roll_back(*t));
    } else if (record.clean_in_a_row >= probation_faults_) {
      log_->info("strategy '{}' {} passed probation ({} clean scans in a row); {} is no longer "
                 "kept to roll back to",
                 t->name, running(*t).version, record.clean_in_a_row, t->previous->version);
      remove_copy(t->previous->copy);
      t->previous.reset();
    }
  }
  return outcomes;
}

reload_outcome strategy_reloader::roll_back(tracked& t) {
  fallback target = std::move(*t.previous);
  t.previous.reset();  // one attempt: a failed rollback is not retried every scan
  reload_outcome o;
  o.strategy = t.name;
  o.from_version = running(t).version;
  o.to_version = target.version;
  const std::string why = "strategy '" + t.name + "' " + o.from_version + " failed " +
                          std::to_string(probation_faults_) +
                          " scans in a row on probation after its reload from " +
                          t.source.string();
  fs::path new_copy;
  try {
    plugin_copy copy = copy_version(t, target.copy);
    new_copy = copy.path;
    take_over(t, target.copy, std::move(copy), std::move(target.states), o);
  } catch (const std::exception& e) {
    remove_copy(target.copy);
    o.what = reload_outcome::result::refused;
    o.problem = why + "; rolling back to " + target.version + " failed, so " + o.from_version +
                " keeps running: " + e.what();
    t.refused.add();
    log_->error("{}", o.problem);
    alert("reload:" + t.name + ":rollback", alert_severity::critical,
          "strategy " + t.name + " could not be rolled back", o.problem);
    return o;
  }
  remove_copy(t.own_copy);   // the faulting version's
  remove_copy(target.copy);  // its bytes are in the new copy now
  t.own_copy = new_copy;
  o.what = reload_outcome::result::rolled_back;
  o.problem = why + "; rolled back to " + target.version +
              " with the state it handed over; that file is not loaded again until it changes";
  t.attempt_problem = o.problem;
  t.rolled_back.add();
  log_->error("{}", o.problem);
  alert("reload:" + t.name + ":rollback", alert_severity::warning,
        "strategy " + t.name + " rolled back to " + target.version, o.problem);
  return o;
}

strategy_states strategy_reloader::take_over(tracked& t, const fs::path& origin,
                                             plugin_copy copy,
                                             std::optional<strategy_states> states,
                                             reload_outcome& o) {
  const shard_list old_shards = strategies_.engine().shards_of(t.name);
  const clock& clk = services_.time();
  const fs::path copy_path = copy.path;
  strategy_candidate c;
  std::int64_t handover_ns = 0;
  try {
    c = load_strategy_candidate(services_, plugins_, *log_, t.name, origin, std::move(copy),
                                old_shards);
    o.to_version = c.info.version;
    handover_ns = clk.monotonic_ns();
    if (!states) states = save_strategy_states(t.name, old_shards);
    load_strategy_states(c, t.name, *states);
    swap_engine(t, c);
  } catch (...) {
    c.shards.clear();  // destroyed before their copy goes
    remove_copy(copy_path);
    throw;
  }
  o.swap_ns = clk.monotonic_ns() - handover_ns;
  t.swap_seconds.observe(seconds(o.swap_ns));
  o.old_unloaded = retire_old(t, c);
  return std::move(*states);
}

plugin_copy strategy_reloader::copy_version(tracked& t, const fs::path& from) {
  try {
    return make_private_copy(from, copy_dir_, t.plugin_id, t.next_generation++);
  } catch (const std::exception& e) {
    throw std::runtime_error(from.string() + ": the new version cannot be copied to " + copy_dir_.string() +
                  ": " + e.what());
  }
}

void strategy_reloader::swap_engine(const tracked& t, const strategy_candidate& c) {
  shard_list next;
  for (const auto& shard : c.shards) next.push_back(shard.instance.get());
  try {
    strategies_.engine().replace_strategy(t.name, next);
  } catch (const std::exception& e) {
    throw std::runtime_error(c.origin + " could not take the running version's place in the engine: " +
                  e.what());
  }
}

bool strategy_reloader::retire_old(const tracked& t, strategy_candidate& c) {
  std::vector<owned_instance> old;
  old.reserve(c.shards.size());
  for (auto& shard : c.shards) {
    const std::string name = shard.instance->name();
    old.push_back(plugins_.replace(name, std::move(shard)));
  }
  c.shards.clear();
  const plugin_info released = old.front().instance->info();  // outlives the library
  for (auto& o : old) {
    try {
      o.instance->close();
    } catch (const std::exception& e) {
      log_->warn("strategy '{}': stopping the old version {} failed: {}", t.name,
                 released.version, e.what());
    }
    o.instance.reset();  // the last instance releases the library
    o.table.reset();
  }
  if (!is_resident(released.path)) return true;
  services_.metrics()
      .register_counter("tb_plugin_unload_leaked_total",
                        "Strategy libraries still loaded after their release (hot reload)",
                        {{"plugin", t.plugin_id}})
      .add();
  log_->warn("strategy '{}': the old version {} ({}) is still loaded after its release; it "
             "stays in memory until the process exits (a static with a destructor, an "
             "STB_GNU_UNIQUE symbol or a thread_local in the plugin?)",
             t.name, released.version, released.path.string());
  return false;
}

reload_outcome strategy_reloader::refuse(tracked& t, reload_outcome o, const std::string& problem) {
  o.what = reload_outcome::result::refused;
  o.problem = problem;
  t.attempt_problem = problem;
  t.refused.add();
  log_->error("strategy '{}' not reloaded, {} keeps running: {}", t.name, running(t).version,
              problem);
  alert("reload:" + t.name, alert_severity::warning, "strategy " + t.name + " not reloaded",
        problem);
  return o;
}

void strategy_reloader::alert(const std::string& key, alert_severity severity,
                              const std::string& title, const std::string& detail) {
  // An alert already active under the key with another text is raised again, so that the new
  // problem reaches the notifiers.
  for (const auto& active : services_.alerts().active()) {
    if (active.key == key && (active.detail != detail || active.severity != severity)) {
      services_.alerts().resolve(key);
    }
  }
  services_.alerts().raise(key, severity, title, detail);
}

void strategy_reloader::remove_copy(const fs::path& path) const noexcept {
  if (path.empty() || path.parent_path() != copy_dir_) return;  // never the plugin's own file
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) log_->warn("cannot delete {}: {}", path.string(), ec.message());
}

}  // namespace tb::host
