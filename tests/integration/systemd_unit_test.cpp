// deploy/tradingbot.service as systemd reads it: `systemd-analyze verify` on a copy whose
// ExecStart names the tradingbot executable just built (verify insists the binary exists),
// and `systemd-analyze security --offline` for the hardening. scripts/setup.sh installs
// systemd-analyze (Debian package systemd); without it every test here fails.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "process.hpp"

namespace fs = std::filesystem;
using tb::test::read_file;
using tb::test::run_command;
using tb::test::shell_quoted;

namespace {

const fs::path systemd_analyze = "/usr/bin/systemd-analyze";
const fs::path unit_file = fs::path(TB_SOURCE_DIR) / "deploy" / "tradingbot.service";
const std::string installed_executable = "/usr/local/bin/tradingbot";

// Every output line that names the unit: verify's warnings ("FILE:LINE: Unknown key ...") and
// errors ("tradingbot.service: Command ... is not executable") all do.
std::string lines_naming_the_unit(const std::string& output) {
  std::istringstream lines(output);
  std::string line;
  std::string found;
  while (std::getline(lines, line)) {
    if (line.find("tradingbot.service") != std::string::npos) found += line + "\n";
  }
  return found;
}

class systemd_unit : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::access(systemd_analyze.c_str(), X_OK), 0)
        << systemd_analyze << " is not installed (Debian package systemd; scripts/setup.sh "
        << "installs it)";
  }

  // The shipped unit with ExecStart pointing at the built executable, `extra` appended.
  fs::path testable_copy(const std::string& extra = {}) {
    std::string text = read_file(unit_file);
    const std::string key = "ExecStart=";
    const std::size_t at = text.find(key + installed_executable + " ");
    EXPECT_NE(at, std::string::npos) << "the unit starts " << installed_executable;
    if (at != std::string::npos) {
      text.replace(at + key.size(), installed_executable.size(), TB_EXECUTABLE);
    }
    return dir_.write("tradingbot.service", text + extra);
  }

  tb::test::process_result verify(const fs::path& unit) {
    return run_command(shell_quoted(systemd_analyze) + " verify --man=no " + shell_quoted(unit));
  }

  tb::test::temp_dir dir_;
};

TEST_F(systemd_unit, the_shipped_unit_passes_systemd_analyze_verify_without_a_warning) {
  const auto result = verify(testable_copy());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(lines_naming_the_unit(result.output), "") << result.output;
}

TEST_F(systemd_unit, verify_catches_a_broken_directive) {
  // Proves the test above can fail: systemd only warns about an unknown or bad setting.
  const auto result =
      verify(testable_copy("\n[Service]\nProtectSystem=sometimes\nWatchdogSecs=5\n"));
  const std::string named = lines_naming_the_unit(result.output);
  EXPECT_NE(named.find("sometimes"), std::string::npos) << result.output;
  EXPECT_NE(named.find("WatchdogSecs"), std::string::npos) << result.output;
}

TEST_F(systemd_unit, a_missing_executable_fails_verify) {
  const fs::path unit =
      dir_.write("tradingbot.service",
                 "[Service]\nType=notify\nExecStart=" + installed_executable + "-nope\n");
  EXPECT_NE(verify(unit).exit_code, 0);
}

TEST_F(systemd_unit, the_hardening_keeps_the_exposure_level_at_or_below_2) {
  // --threshold is in tenths: systemd-analyze exits non-zero above an exposure of 2.0 ("OK").
  const auto result = run_command(shell_quoted(systemd_analyze) +
                                  " security --offline=yes --threshold=20 --no-pager " +
                                  shell_quoted(testable_copy()));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("Overall exposure level for tradingbot.service"), std::string::npos)
      << result.output;
}

TEST_F(systemd_unit, the_unit_keeps_the_settings_the_bot_relies_on) {
  const std::string text = read_file(unit_file);
  for (const char* line :
       {"Type=notify\n", "NotifyAccess=main\n",
        "ExecStart=/usr/local/bin/tradingbot run --config /etc/tradingbot/live.yaml\n",
        "ExecReload=/bin/kill -HUP $MAINPID\n", "WatchdogSec=120\n", "Restart=on-failure\n",
        "RestartPreventExitStatus=2\n", "TimeoutStopSec=60\n", "KillSignal=SIGTERM\n",
        "StateDirectory=tradingbot\n", "WorkingDirectory=/var/lib/tradingbot\n",
        "EnvironmentFile=-/etc/tradingbot/env\n", "MemoryDenyWriteExecute=yes\n",
        "CapabilityBoundingSet=\n", "SystemCallFilter=@system-service\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line;
  }
}

}  // namespace
