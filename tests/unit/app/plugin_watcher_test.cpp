// plugin_watcher on real directories: installs by rename, bursts, names that must not fire,
// deletions, several directories, a throwing callback, stop() and bad directories.
//
// "Fires once" is proven without waiting for silence: after the change under test has been
// reported, a sentinel file is written, and the next report must be the sentinel alone.
#include "app/plugin_watcher.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using std::chrono::steady_clock;
using names = std::set<std::string>;

constexpr auto generous = 20s;

// Collects the callback's calls and when each came.
class recorder {
 public:
  plugin_watcher::change_callback callback() {
    return [this](const names& changed) {
      std::lock_guard lock(mutex_);
      calls_.push_back(changed);
      times_.push_back(steady_clock::now());
      arrived_.notify_all();
    };
  }

  // Waits (with a generous deadline) for the count-th call and returns it.
  names call(std::size_t count) {
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_for(lock, generous, [&] { return calls_.size() >= count; })) {
      ADD_FAILURE() << "no callback #" << count << " within " << generous.count() << " s";
      return {};
    }
    return calls_[count - 1];
  }
  steady_clock::time_point time_of(std::size_t count) {
    std::lock_guard lock(mutex_);
    return times_.at(count - 1);
  }
  std::size_t count() {
    std::lock_guard lock(mutex_);
    return calls_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<names> calls_;
  std::vector<steady_clock::time_point> times_;
};

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

class plugin_watcher_test : public ::testing::Test {
 protected:
  // Writes the sentinel and checks that the next report, number `count`, is it alone.
  void expect_next_report_is_only_the_sentinel(std::size_t count) {
    write_file(dir_.path() / "sentinel.so", "sentinel");
    EXPECT_EQ(recorder_.call(count), names{"sentinel.so"}) << "an earlier change fired again";
  }

  tb::test::temp_dir dir_;
  recorder recorder_;
};

TEST_F(plugin_watcher_test, an_install_by_rename_fires_once_after_the_debounce_with_its_name) {
  const auto debounce = 300ms;
  plugin_watcher watcher({dir_.path()}, debounce, recorder_.callback());
  const fs::path temporary = dir_.path() / ".strategy_x.so.tmp";
  write_file(temporary, "new build");
  const auto before_last_event = steady_clock::now();
  fs::rename(temporary, dir_.path() / "strategy_x.so");

  EXPECT_EQ(recorder_.call(1), names{"strategy_x.so"});
  EXPECT_GE(recorder_.time_of(1) - before_last_event, debounce)
      << "the callback waits a whole debounce after the last event";
  expect_next_report_is_only_the_sentinel(2);
}

TEST_F(plugin_watcher_test, a_burst_of_writes_fires_once_with_every_name) {
  // Long enough that the writes below cannot be torn apart by a busy machine.
  const auto debounce = 1s;
  plugin_watcher watcher({dir_.path()}, debounce, recorder_.callback());
  auto before_last_event = steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    write_file(dir_.path() / "strategy_a.so", "build " + std::to_string(i));
    before_last_event = steady_clock::now();
    std::ofstream(dir_.path() / "strategy_b.so", std::ios::app) << i;
  }
  EXPECT_EQ(recorder_.call(1), (names{"strategy_a.so", "strategy_b.so"}));
  EXPECT_GE(recorder_.time_of(1) - before_last_event, debounce)
      << "every event restarts the debounce, not only the first";
  expect_next_report_is_only_the_sentinel(2);
}

TEST_F(plugin_watcher_test, files_that_are_not_plugins_do_not_fire) {
  plugin_watcher watcher({dir_.path()}, 100ms, recorder_.callback());
  write_file(dir_.path() / "notes.txt", "x");
  write_file(dir_.path() / ".hidden.so", "x");
  write_file(dir_.path() / ".strategy_x.so.tmp", "x");
  write_file(dir_.path() / "strategy_x.so.tmp", "x");
  write_file(dir_.path() / "libfoo.so.1", "x");
  fs::create_directory(dir_.path() / "sub.d");
  fs::rename(dir_.path() / "notes.txt", dir_.path() / ".notes.so");
  fs::remove(dir_.path() / ".hidden.so");
  expect_next_report_is_only_the_sentinel(1);
}

TEST_F(plugin_watcher_test, a_deleted_plugin_is_reported) {
  write_file(dir_.path() / "strategy_old.so", "old");
  plugin_watcher watcher({dir_.path()}, 100ms, recorder_.callback());
  fs::remove(dir_.path() / "strategy_old.so");
  EXPECT_EQ(recorder_.call(1), names{"strategy_old.so"});
}

TEST_F(plugin_watcher_test, changes_in_every_watched_directory_are_reported) {
  tb::test::temp_dir second;
  plugin_watcher watcher({dir_.path(), second.path()}, 1s, recorder_.callback());
  EXPECT_EQ(watcher.directories().size(), 2u);
  write_file(dir_.path() / "strategy_a.so", "a");
  write_file(second.path() / "strategy_b.so", "b");
  EXPECT_EQ(recorder_.call(1), (names{"strategy_a.so", "strategy_b.so"}));
}

TEST_F(plugin_watcher_test, a_throwing_callback_does_not_stop_the_watcher) {
  int calls = 0;  // only the watcher's thread touches it
  std::promise<void> first_call;
  std::promise<names> second_call;
  plugin_watcher watcher({dir_.path()}, 100ms, [&](const names& changed) {
    if (++calls == 1) {
      first_call.set_value();
      throw std::runtime_error("reload failed");
    }
    if (calls == 2) second_call.set_value(changed);
  });
  write_file(dir_.path() / "strategy_a.so", "a");
  ASSERT_EQ(first_call.get_future().wait_for(generous), std::future_status::ready);
  write_file(dir_.path() / "strategy_b.so", "b");
  auto reported = second_call.get_future();
  ASSERT_EQ(reported.wait_for(generous), std::future_status::ready);
  EXPECT_EQ(reported.get(), names{"strategy_b.so"});
}

TEST_F(plugin_watcher_test, stop_returns_while_a_change_waits_for_its_debounce_and_drops_it) {
  plugin_watcher watcher({dir_.path()}, std::chrono::hours(1), recorder_.callback());
  write_file(dir_.path() / "strategy_x.so", "x");
  auto stopped = std::async(std::launch::async, [&] { watcher.stop(); });
  ASSERT_EQ(stopped.wait_for(generous), std::future_status::ready) << "stop() did not return";
  EXPECT_EQ(recorder_.count(), 0u);
  watcher.stop();  // again: nothing left to do
}

TEST_F(plugin_watcher_test, a_missing_directory_is_an_error_naming_it) {
  const fs::path missing = dir_.path() / "no_such_plugins";
  try {
    plugin_watcher watcher({dir_.path(), missing}, 100ms, recorder_.callback());
    FAIL() << "no error for a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist: " + missing.string()), std::string::npos)
        << e.what();
  }
}

TEST_F(plugin_watcher_test, a_file_where_a_directory_should_be_is_an_error_naming_it) {
  const fs::path file = dir_.path() / "plugins";
  write_file(file, "not a directory");
  try {
    plugin_watcher watcher({file}, 100ms, recorder_.callback());
    FAIL() << "no error for a file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is not a directory: " + file.string()), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace tb::host
