// strategy_reloader on the real pipeline: a plugin_set loads the data_exchange fixture and
// the reload_strategy fixture from a plugin directory of the test's own, a strategy_pass runs
// it over the DataService's candle store, and new versions are installed the way a deploy
// must do it (written beside the file, renamed over it) while scans go on. Every scan's
// signals say which version made them ("v1", "v2") and how many scans the strategy has
// counted, a count handed from version to version through save_state/load_state.
#include "app/strategy_reloader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/install_file.hpp"
#include "app/market_scan.hpp"
#include "temp_dir.hpp"

#ifndef TB_FIXTURE_PLUGIN_DIR
#error "TB_FIXTURE_PLUGIN_DIR must point at the built fixture plugins"
#endif

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using result = reload_outcome::result;

constexpr const char* strategy_name = "reload_strategy";
constexpr auto deadline = std::chrono::seconds(60);

// A build of tests/fixtures/plugins/reload_strategy.cpp: v1, v2, bad_start, wrong_id,
// bad_state, faulting.
fs::path variant(const std::string& name) {
  return fs::path(TB_FIXTURE_PLUGIN_DIR) / "reload" / ("reload_strategy_" + name + ".so");
}

// What one scan produced, read from its ranked signals.
struct scan_seen {
  std::size_t signals = 0;
  std::set<std::string> reasons;   // the versions that emitted them: {"v1"}
  std::set<std::uint64_t> counts;  // the strategy's scan counter in them: {7}
  bool failed = false;             // a shard of the strategy failed in it
};

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool has_alert(core_services& services, const std::string& key) {
  const auto active = services.alerts().active();
  return std::any_of(active.begin(), active.end(), [&](const auto& a) { return a.key == key; });
}

class StrategyReloader : public ::testing::Test {
 protected:
  StrategyReloader() {
    fs::create_directories(plugin_dir());
    install("v1");
    settings_.logging.console = false;
    settings_.logging.file.clear();
    services_ = std::make_unique<core_services>(settings_);
    plugins_ = std::make_unique<plugin_set>(
        *services_, std::vector<fs::path>{plugin_dir(), fs::path(TB_FIXTURE_PLUGIN_DIR)});
    std::vector<plugin_entry> entries(2);
    entries[0].name = "data_exchange";
    entries[0].kind = plugin_kind::exchange;
    entries[1].name = strategy_name;
    entries[1].kind = plugin_kind::strategy;
    plugins_->load(entries);
    pass_ = std::make_unique<strategy_pass>(*services_, *plugins_);
    auto log = services_->logs().logger_for("test");
    data_ = open_market_data(*services_, *plugins_, settings_, 20, *log);
    if (!data_) throw std::runtime_error("the data_exchange fixture gave no universe");
    const scan_report report = data_->fetch_klines_batch(data_->universe(), "1h", 20);
    if (!report.failed.empty()) throw std::runtime_error("fetching the fixture's candles failed");
  }

  fs::path plugin_dir() const { return dir_.path() / "plugins"; }
  fs::path state_dir() const { return dir_.path() / "state"; }
  fs::path installed() const { return plugin_dir() / "reload_strategy.so"; }
  fs::path copies() const { return state_dir() / "plugins"; }

  // A new version put in place as `tradingbot plugins install` does: a new inode renamed over
  // the old name, never a write into the loaded file.
  void install(const std::string& name) { install_file(variant(name), installed(), 0644); }

  strategy_reloader& make_reloader(std::uint32_t probation_faults) {
    reloader_ = std::make_unique<strategy_reloader>(*services_, *plugins_, *pass_, state_dir(),
                                                    probation_faults);
    return *reloader_;
  }

  // One scan through strategy_pass::run, as the service loop makes it.
  scan_seen scan() {
    const rank_outcome ranked = pass_->run(*data_, {"1h"}, 100);
    scan_seen seen;
    seen.signals = ranked.kept.size();
    for (const auto& s : ranked.kept) {
      seen.reasons.insert(s.reason);
      seen.counts.insert(nlohmann::json::parse(s.meta_json).at("scans").get<std::uint64_t>());
    }
    // Every scan hands the strategy series, so it counts in the record: failed or clean.
    seen.failed = pass_->engine().scan_record_of(strategy_name).failed_in_a_row > 0;
    return seen;
  }

  // Asserts that `seen` is a clean scan by `version` with the counter at `count`.
  static void expect_scan(const scan_seen& seen, const std::string& version, std::uint64_t count,
                          std::size_t symbols) {
    EXPECT_FALSE(seen.failed);
    EXPECT_EQ(seen.signals, symbols);
    EXPECT_EQ(seen.reasons, std::set<std::string>{version});
    EXPECT_EQ(seen.counts, std::set<std::uint64_t>{count});
  }

  const plugin_instance& running() const {
    return *pass_->engine().shards_of(strategy_name).front();
  }

  double reloads(const std::string& outcome) const {
    for (const auto& family : services_->metrics().snapshot()) {
      if (family.name != "tb_strategy_reloads_total") continue;
      for (const auto& s : family.series) {
        const std::pair<std::string, std::string> wanted{"outcome", outcome};
        if (std::find(s.labels.begin(), s.labels.end(), wanted) != s.labels.end()) return s.value;
      }
    }
    return -1;
  }

  std::size_t symbols() const { return data_->universe().size(); }

  tb::test::temp_dir dir_;
  bot_settings settings_;
  // Declared in start-up order, destroyed the other way round: the reloader first, the
  // DataService before the plugins stop.
  std::unique_ptr<core_services> services_;
  std::unique_ptr<plugin_set> plugins_;
  std::unique_ptr<strategy_pass> pass_;
  std::unique_ptr<data_service> data_;
  std::unique_ptr<strategy_reloader> reloader_;
};

// Scans back to back on a thread of its own; between two scans it runs after_scan() and any
// reload() asked for, as the service loop does.
class scan_thread {
 public:
  scan_thread(std::function<scan_seen()> scan, strategy_reloader& reloader)
      : scan_(std::move(scan)), reloader_(reloader), thread_([this] { run(); }) {}
  ~scan_thread() { stop(); }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    if (thread_.joinable()) thread_.join();
  }

  // Waits until `count` scans in all have been made.
  bool wait_for_scans(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return scans_.size() >= count; });
  }

  // Asks for a reload between two scans and waits for it; returns its outcomes and the
  // number of scans made before it.
  std::pair<std::vector<reload_outcome>, std::size_t> reload() {
    std::unique_lock lock(mutex_);
    reload_asked_ = true;
    if (!changed_.wait_for(lock, deadline, [&] { return reloaded_.has_value(); })) {
      throw std::runtime_error("the scan thread did not reload in time");
    }
    auto out = std::move(*reloaded_);
    reloaded_.reset();
    return out;
  }

  std::vector<scan_seen> scans() {
    std::lock_guard lock(mutex_);
    return scans_;
  }

 private:
  void run() {
    for (;;) {
      scan_seen seen = scan_();
      (void)reloader_.after_scan();
      std::lock_guard lock(mutex_);
      scans_.push_back(std::move(seen));
      if (reload_asked_) {
        reload_asked_ = false;
        reloaded_.emplace(reloader_.reload(), scans_.size());
      }
      changed_.notify_all();
      if (stopping_) return;
    }
  }

  std::function<scan_seen()> scan_;
  strategy_reloader& reloader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<scan_seen> scans_;
  bool reload_asked_ = false;
  bool stopping_ = false;
  std::optional<std::pair<std::vector<reload_outcome>, std::size_t>> reloaded_;
  std::thread thread_;  // last: starts once the rest is ready
};

TEST_F(StrategyReloader, ANewVersionTakesOverBetweenScansWithItsStateAndTheOldOneUnloads) {
  strategy_reloader& reloader = make_reloader(3);
  const fs::path v1_path = running().info().path;
  EXPECT_EQ(v1_path, installed());
  EXPECT_EQ(reloader.source_of(strategy_name), installed());

  std::size_t reloaded_after = 0;
  {
    scan_thread scans([this] { return scan(); }, reloader);
    ASSERT_TRUE(scans.wait_for_scans(3));
    install("v2");  // while scans run; nothing changes until a reload
    const std::size_t installed_at = scans.scans().size();
    ASSERT_TRUE(scans.wait_for_scans(installed_at + 2));

    auto [outcomes, scans_before] = scans.reload();
    reloaded_after = scans_before;
    ASSERT_EQ(outcomes.size(), 1u);
    const reload_outcome& o = outcomes.front();
    EXPECT_EQ(o.strategy, strategy_name);
    EXPECT_EQ(o.what, result::reloaded) << o.problem;
    EXPECT_EQ(o.from_version, "1.0.0");
    EXPECT_EQ(o.to_version, "2.0.0");
    EXPECT_TRUE(o.problem.empty()) << o.problem;
    EXPECT_GE(o.swap_ns, 0);
    EXPECT_TRUE(o.old_unloaded);
    ASSERT_TRUE(scans.wait_for_scans(reloaded_after + 3));
    scans.stop();

    // Every scan ran and signalled; v1 until the reload, v2 from the very next scan, and the
    // counter went on by one each scan across the swap.
    const auto seen = scans.scans();
    for (std::size_t i = 0; i < seen.size(); ++i) {
      SCOPED_TRACE("scan " + std::to_string(i + 1));
      expect_scan(seen[i], i < reloaded_after ? "v1" : "v2", i + 1, symbols());
    }
  }

  // The old library left the process; the new one runs from its private copy.
  EXPECT_FALSE(is_resident(v1_path));
  const fs::path v2_path = running().info().path;
  EXPECT_EQ(v2_path.parent_path(), copies());
  EXPECT_EQ(v2_path.filename().string().rfind("reload_strategy.1.", 0), 0u) << v2_path;
  EXPECT_TRUE(is_resident(v2_path));
  EXPECT_EQ(running().info().version, "2.0.0");
  EXPECT_EQ(reloads("reloaded"), 1);
  EXPECT_EQ(reloads("refused"), 0);
  // Three clean scans in a row (the scan thread's after_scan() saw them) ended probation, so
  // the copy of v1 kept to roll back to is gone.
  EXPECT_FALSE(reloader.on_probation(strategy_name));
  EXPECT_EQ(files_in(copies()), std::vector<fs::path>{v2_path});
}

TEST_F(StrategyReloader, AReloadWithoutAChangeLeavesEverythingAsItIs) {
  strategy_reloader& reloader = make_reloader(3);
  const auto files_before = files_in(copies());
  ASSERT_EQ(files_before.size(), 1u);  // the copy of the running version, to roll back to
  expect_scan(scan(), "v1", 1, symbols());

  for (int i = 0; i < 3; ++i) {
    const auto outcomes = reloader.reload();
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes.front().what, result::unchanged);
    EXPECT_EQ(outcomes.front().from_version, "1.0.0");
    EXPECT_TRUE(outcomes.front().problem.empty()) << outcomes.front().problem;
  }
  // Cheap: no copy was made and nothing was loaded; the same instance scans on.
  EXPECT_EQ(files_in(copies()), files_before);
  EXPECT_EQ(running().info().path, installed());
  EXPECT_EQ(reloads("reloaded"), 0);
  EXPECT_EQ(reloads("refused"), 0);
  expect_scan(scan(), "v1", 2, symbols());

  // Forced, the same file is loaded again, and the state still carries over.
  const auto forced = reloader.reload(true);
  ASSERT_EQ(forced.size(), 1u);
  EXPECT_EQ(forced.front().what, result::reloaded) << forced.front().problem;
  EXPECT_EQ(forced.front().to_version, "1.0.0");
  EXPECT_TRUE(forced.front().old_unloaded);
  expect_scan(scan(), "v1", 3, symbols());
}

TEST_F(StrategyReloader, ABrokenVersionIsRefusedAndTheRunningOneGoesOn) {
  strategy_reloader& reloader = make_reloader(3);
  const auto files_before = files_in(copies());
  expect_scan(scan(), "v1", 1, symbols());

  struct broken {
    const char* variant;
    const char* check;  // what the problem must say
  };
  const broken cases[] = {
      {"bad_start", "does not start"},
      {"wrong_id", "descriptor id is 'reload_other'"},
      {"bad_state", "refused the state of shard 'reload_strategy'"},
  };
  std::uint64_t count = 1;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.variant);
    install(c.variant);
    const auto outcomes = reloader.reload();
    ASSERT_EQ(outcomes.size(), 1u);
    const reload_outcome& o = outcomes.front();
    EXPECT_EQ(o.what, result::refused);
    EXPECT_EQ(o.from_version, "1.0.0");
    EXPECT_NE(o.problem.find(installed().string()), std::string::npos) << o.problem;
    EXPECT_NE(o.problem.find(c.check), std::string::npos) << o.problem;
    EXPECT_TRUE(has_alert(*services_, "reload:reload_strategy"));

    // v1 runs on, its counter unbroken; the refused copy is gone.
    expect_scan(scan(), "v1", ++count, symbols());
    EXPECT_EQ(running().info().path, installed());
    EXPECT_EQ(files_in(copies()), files_before);

    // The same file is not tried again, but the reason is still given.
    const auto again = reloader.reload();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again.front().what, result::unchanged);
    EXPECT_EQ(again.front().problem, o.problem);
  }
  EXPECT_EQ(reloads("refused"), 3);

  // A good version afterwards is taken, and the alert resolves.
  install("v2");
  const auto outcomes = reloader.reload();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes.front().what, result::reloaded) << outcomes.front().problem;
  EXPECT_FALSE(has_alert(*services_, "reload:reload_strategy"));
  expect_scan(scan(), "v2", ++count, symbols());
}

TEST_F(StrategyReloader, AVersionThatFaultsOnProbationIsRolledBack) {
  strategy_reloader& reloader = make_reloader(2);
  expect_scan(scan(), "v1", 1, symbols());
  expect_scan(scan(), "v1", 2, symbols());

  install("faulting");
  const auto outcomes = reloader.reload();
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_EQ(outcomes.front().what, result::reloaded) << outcomes.front().problem;
  EXPECT_EQ(outcomes.front().to_version, "3.0.0");
  const fs::path faulting_path = running().info().path;
  EXPECT_TRUE(reloader.on_probation(strategy_name));

  // One failed scan is not yet enough.
  const scan_seen first = scan();
  EXPECT_TRUE(first.failed);
  EXPECT_EQ(first.signals, 0u);
  EXPECT_TRUE(reloader.after_scan().empty());
  EXPECT_TRUE(scan().failed);
  const auto rolled = reloader.after_scan();
  ASSERT_EQ(rolled.size(), 1u);
  const reload_outcome& o = rolled.front();
  EXPECT_EQ(o.what, result::rolled_back) << o.problem;
  EXPECT_EQ(o.from_version, "3.0.0");
  EXPECT_EQ(o.to_version, "1.0.0");
  EXPECT_NE(o.problem.find("failed 2 scans in a row"), std::string::npos) << o.problem;
  EXPECT_TRUE(o.old_unloaded);
  EXPECT_FALSE(is_resident(faulting_path));
  EXPECT_FALSE(fs::exists(faulting_path));
  EXPECT_TRUE(has_alert(*services_, "reload:reload_strategy:rollback"));
  EXPECT_EQ(reloads("rolled_back"), 1);
  EXPECT_FALSE(reloader.on_probation(strategy_name));
  EXPECT_EQ(running().info().version, "1.0.0");

  // v1 resumes from the state it handed over (2 scans), and the faulting file stays out.
  expect_scan(scan(), "v1", 3, symbols());
  const auto again = reloader.reload();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again.front().what, result::unchanged);
  EXPECT_NE(again.front().problem.find("rolled back"), std::string::npos);
  EXPECT_TRUE(reloader.after_scan().empty());
  expect_scan(scan(), "v1", 4, symbols());
  EXPECT_EQ(files_in(copies()).size(), 1u);  // the copy v1 now runs from

  // A fixed version is taken again and clears the alert.
  install("v2");
  const auto fixed = reloader.reload();
  ASSERT_EQ(fixed.size(), 1u);
  EXPECT_EQ(fixed.front().what, result::reloaded) << fixed.front().problem;
  EXPECT_FALSE(has_alert(*services_, "reload:reload_strategy:rollback"));
  expect_scan(scan(), "v2", 5, symbols());
}

TEST_F(StrategyReloader, TwoReloadsInARowAndProbationThatPasses) {
  strategy_reloader& reloader = make_reloader(2);
  const fs::path baseline = files_in(copies()).at(0);
  expect_scan(scan(), "v1", 1, symbols());

  install("v2");
  auto outcomes = reloader.reload();
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_EQ(outcomes.front().what, result::reloaded) << outcomes.front().problem;
  const fs::path v2_copy = running().info().path;
  expect_scan(scan(), "v2", 2, symbols());
  EXPECT_TRUE(reloader.after_scan().empty());

  install("v1");  // v1 again, while v2 is still on probation
  outcomes = reloader.reload();
  ASSERT_EQ(outcomes.size(), 1u);
  const reload_outcome& o = outcomes.front();
  EXPECT_EQ(o.what, result::reloaded) << o.problem;
  EXPECT_EQ(o.from_version, "2.0.0");
  EXPECT_EQ(o.to_version, "1.0.0");
  EXPECT_TRUE(o.old_unloaded);
  EXPECT_FALSE(is_resident(v2_copy));
  EXPECT_FALSE(fs::exists(v2_copy));  // never proven, so not kept
  const fs::path v1_copy = running().info().path;
  EXPECT_NE(v1_copy, v2_copy);
  EXPECT_EQ(v1_copy.filename().string().rfind("reload_strategy.2.", 0), 0u) << v1_copy;
  EXPECT_TRUE(fs::exists(baseline));  // still the version to fall back on

  // Two clean scans in a row: probation passes, and the fallback copy goes.
  expect_scan(scan(), "v1", 3, symbols());
  EXPECT_TRUE(reloader.after_scan().empty());
  EXPECT_TRUE(reloader.on_probation(strategy_name));
  expect_scan(scan(), "v1", 4, symbols());
  EXPECT_TRUE(reloader.after_scan().empty());
  EXPECT_FALSE(reloader.on_probation(strategy_name));
  EXPECT_EQ(files_in(copies()), std::vector<fs::path>{v1_copy});
  EXPECT_EQ(reloads("reloaded"), 2);
}

TEST_F(StrategyReloader, CopiesOfAnEarlierRunAreDeletedAndItsOwnOnesGoWithIt) {
  fs::create_directories(copies());
  const fs::path stale = copies() / "reload_strategy.7.0123456789ab.so";
  const fs::path unrelated = copies() / "other_strategy.1.0123456789ab.so";
  install_file(variant("v1"), stale, 0600);
  install_file(variant("v1"), unrelated, 0600);
  {
    strategy_reloader& reloader = make_reloader(1);
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(unrelated));
    install("v2");
    ASSERT_EQ(reloader.reload().front().what, result::reloaded);
    reloader_.reset();
  }
  EXPECT_EQ(files_in(copies()), std::vector<fs::path>{unrelated});
  // The running version's file may go: its mapping keeps it working.
  expect_scan(scan(), "v2", 1, symbols());
}

}  // namespace
}  // namespace tb::host
