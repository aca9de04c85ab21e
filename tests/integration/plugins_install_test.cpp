// `tradingbot plugins install` end to end: the real executable installing fixture plugins into
// a temporary plugin directory. A valid plugin lands as <id>.so, byte for byte, by rename (a
// new inode each time); a file that fails validation is refused and nothing is touched.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>

#include "process.hpp"

namespace fs = std::filesystem;
using tb::test::read_file;
using tb::test::run_command;
using tb::test::shell_quoted;

namespace {

const std::string executable = TB_EXECUTABLE;
const fs::path fixtures = TB_FIXTURE_PLUGIN_DIR;

struct stat stat_of(const fs::path& path) {
  struct stat s {};
  if (::stat(path.c_str(), &s) != 0) throw std::runtime_error("cannot stat " + path.string());
  return s;
}

std::set<std::string> entries_in(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

class plugins_install : public ::testing::Test {
 protected:
  plugins_install() { fs::create_directory(plugins_); }

  tb::test::process_result install(const fs::path& file, const std::string& more = {}) {
    return run_command(shell_quoted(executable) + " plugins install " + shell_quoted(file) +
                       (more.empty() ? "" : " " + more));
  }
  tb::test::process_result install_into_plugins(const fs::path& file) {
    return install(file, "--plugin-dir " + shell_quoted(plugins_));
  }

  tb::test::temp_dir dir_;
  fs::path plugins_ = dir_.path() / "plugins";
};

TEST_F(plugins_install, a_valid_strategy_lands_as_its_id_with_its_bytes_and_says_what_it_did) {
  const fs::path source = fixtures / "good_strategy.so";
  const auto result = install_into_plugins(source);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const fs::path target = plugins_ / "good_strategy.so";
  EXPECT_EQ(read_file(target), read_file(source));
  EXPECT_EQ(stat_of(target).st_mode & 07777, 0755u);
  EXPECT_EQ(entries_in(plugins_), std::set<std::string>{"good_strategy.so"})
      << "no temporary file is left";
  EXPECT_NE(result.output.find("[OK] on_scan"), std::string::npos)
      << "validated as `plugins check` does: " << result.output;
  EXPECT_NE(result.output.find("installed good_strategy 1.2.3 (strategy) to " + target.string() +
                               "; a running bot with service.strategy_reload: watch picks it up, "
                               "otherwise send SIGHUP or POST /api/reload"),
            std::string::npos)
      << result.output;
}

TEST_F(plugins_install, a_reinstall_renames_a_new_file_into_place_rather_than_writing_over_it) {
  ASSERT_EQ(install_into_plugins(fixtures / "good_strategy.so").exit_code, 0);
  const fs::path target = plugins_ / "good_strategy.so";
  const ino_t first = stat_of(target).st_ino;

  const auto result = install_into_plugins(fixtures / "good_strategy.so");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(stat_of(target).st_ino, first) << "a new inode: a running bot's mapping is untouched";
  EXPECT_EQ(read_file(target), read_file(fixtures / "good_strategy.so"));
  EXPECT_EQ(entries_in(plugins_), std::set<std::string>{"good_strategy.so"});
}

TEST_F(plugins_install, a_file_that_is_not_a_library_is_refused_and_the_installed_one_kept) {
  ASSERT_EQ(install_into_plugins(fixtures / "good_strategy.so").exit_code, 0);
  const fs::path target = plugins_ / "good_strategy.so";
  const ino_t installed = stat_of(target).st_ino;
  // The text file under the installed plugin's name, as a botched build might produce.
  fs::create_directory(dir_.path() / "build");
  const fs::path bad = dir_.path() / "build" / "good_strategy.so";
  fs::copy_file(fixtures / "not_a_library.so", bad);

  const auto result = install_into_plugins(bad);
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("[FAILED] load"), std::string::npos) << result.output;
  const std::string refusal =
      "not installed: " + bad.string() + " failed validation at step 'load': ";
  EXPECT_NE(result.output.find(refusal), std::string::npos) << result.output;
  EXPECT_EQ(stat_of(target).st_ino, installed);
  EXPECT_EQ(read_file(target), read_file(fixtures / "good_strategy.so"));
  EXPECT_EQ(entries_in(plugins_), std::set<std::string>{"good_strategy.so"});
}

TEST_F(plugins_install, a_plugin_of_an_unknown_kind_is_refused) {
  const auto result = install_into_plugins(fixtures / "bad_kind.so");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("kind"), std::string::npos) << result.output;
  EXPECT_TRUE(entries_in(plugins_).empty());
}

TEST_F(plugins_install, a_plugin_whose_id_is_not_its_file_name_is_refused) {
  const auto result = install_into_plugins(fixtures / "id_mismatch.so");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("some_other_plugin"), std::string::npos) << result.output;
  EXPECT_TRUE(entries_in(plugins_).empty());
}

TEST_F(plugins_install, an_exchange_plugin_installs_with_a_restart_hint) {
  const auto result = install_into_plugins(fixtures / "good_exchange.so");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::exists(plugins_ / "good_exchange.so"));
  EXPECT_NE(result.output.find("only strategies reload): restart it"), std::string::npos)
      << result.output;
}

TEST_F(plugins_install, without_plugin_dir_the_configurations_first_directory_is_the_target) {
  fs::create_directory(dir_.path() / "first");
  fs::create_directory(dir_.path() / "second");
  const fs::path config = dir_.write(
      "bot.yaml",
      "mode: paper\nstate_dir: state\nplugins:\n  directories: [first, second]\n"
      "  load:\n    - name: good_strategy\n");
  const auto result = install(fixtures / "good_strategy.so", "--config " + shell_quoted(config));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::exists(dir_.path() / "first" / "good_strategy.so"));
  EXPECT_TRUE(entries_in(dir_.path() / "second").empty());
}

TEST_F(plugins_install, a_missing_target_directory_is_an_error_naming_it) {
  const fs::path missing = dir_.path() / "no_such_plugins";
  const auto result =
      install(fixtures / "good_strategy.so", "--plugin-dir " + shell_quoted(missing));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("plugin directory " + missing.string() + " does not exist"),
            std::string::npos)
      << result.output;
  EXPECT_FALSE(fs::exists(missing));
}

}  // namespace
