// systemd_notifier against a real notification socket: a unix datagram socket bound in a
// temporary directory and named by NOTIFY_SOCKET, read back as systemd would read it.
#include "app/systemd_notifier.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "notify_socket.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;

using tb::test::notify_socket;
using tb::test::scoped_env;

class systemd_notifier_test : public ::testing::Test {
 protected:
  tb::test::temp_dir dir_;
  fs::path socket_path_ = dir_.path() / "notify.sock";
  notify_socket socket_{socket_path_};
  scoped_env notify_{"NOTIFY_SOCKET", socket_path_.string()};
  scoped_env watchdog_usec_{"WATCHDOG_USEC", std::nullopt};
  scoped_env watchdog_pid_{"WATCHDOG_PID", std::nullopt};
};

TEST_F(systemd_notifier_test, ready_sends_ready_and_the_status) {
  systemd_notifier notifier;
  EXPECT_TRUE(notifier.enabled());
  notifier.ready("trading: 2 strategies, 20 symbols");
  EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=trading: 2 strategies, 20 symbols");
  notifier.ready();
  EXPECT_EQ(socket_.receive(), "READY=1");
}

TEST_F(systemd_notifier_test, status_watchdog_and_stopping_send_their_assignments) {
  systemd_notifier notifier;
  notifier.status("scanning");
  EXPECT_EQ(socket_.receive(), "STATUS=scanning");
  notifier.watchdog();
  EXPECT_EQ(socket_.receive(), "WATCHDOG=1");
  notifier.stopping("stopping: SIGTERM");
  EXPECT_EQ(socket_.receive(), "STOPPING=1\nSTATUS=stopping: SIGTERM");
  EXPECT_FALSE(socket_.has_datagram()) << "one datagram per call";
}

TEST_F(systemd_notifier_test, reloading_carries_the_monotonic_time_and_ready_ends_it) {
  systemd_notifier notifier;
  notifier.reloading("reloading strategies");
  const std::optional<std::string> message = socket_.receive();
  ASSERT_TRUE(message);
  const std::string prefix = "RELOADING=1\nMONOTONIC_USEC=";
  ASSERT_EQ(message->rfind(prefix, 0), 0u) << *message;
  const std::size_t end = message->find('\n', prefix.size());
  ASSERT_NE(end, std::string::npos) << *message;
  const std::string usec = message->substr(prefix.size(), end - prefix.size());
  EXPECT_FALSE(usec.empty());
  EXPECT_EQ(usec.find_first_not_of("0123456789"), std::string::npos) << usec;
  EXPECT_GT(std::stoull(usec), 0u);
  EXPECT_EQ(message->substr(end + 1), "STATUS=reloading strategies");

  notifier.ready("reloaded");
  EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=reloaded");
}

TEST_F(systemd_notifier_test, a_newline_in_a_status_cannot_add_an_assignment) {
  systemd_notifier notifier;
  notifier.status("plugin said\nREADY=1\rSTOPPING=1");
  EXPECT_EQ(socket_.receive(), "STATUS=plugin said READY=1 STOPPING=1");
}

TEST_F(systemd_notifier_test, watchdog_interval_reads_watchdog_usec_for_this_process) {
  scoped_env usec("WATCHDOG_USEC", "120000000");
  scoped_env pid("WATCHDOG_PID", std::to_string(::getpid()));
  systemd_notifier notifier;
  EXPECT_EQ(notifier.watchdog_interval(), std::chrono::microseconds(120'000'000));
}

TEST_F(systemd_notifier_test, watchdog_interval_without_a_pid_applies_to_this_process) {
  scoped_env usec("WATCHDOG_USEC", "30000000");
  EXPECT_EQ(systemd_notifier().watchdog_interval(), std::chrono::seconds(30));
}

TEST_F(systemd_notifier_test, no_watchdog_when_it_is_not_set_or_meant_for_another_process) {
  EXPECT_EQ(systemd_notifier().watchdog_interval(), std::nullopt);
  scoped_env usec("WATCHDOG_USEC", "120000000");
  scoped_env pid("WATCHDOG_PID", std::to_string(::getpid() + 1));
  EXPECT_EQ(systemd_notifier().watchdog_interval(), std::nullopt);
}

TEST_F(systemd_notifier_test, without_notify_socket_nothing_is_sent_and_nothing_fails) {
  scoped_env unset("NOTIFY_SOCKET", std::nullopt);
  systemd_notifier notifier;
  EXPECT_FALSE(notifier.enabled());
  notifier.ready("ready");
  notifier.status("status");
  notifier.watchdog();
  notifier.reloading("reloading");
  notifier.stopping("stopping");
  EXPECT_FALSE(socket_.has_datagram());
  EXPECT_EQ(notifier.watchdog_interval(), std::nullopt);
}

TEST_F(systemd_notifier_test, a_failing_send_is_logged_once_and_never_thrown) {
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  const auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("notifier_test", sink));
  {
    const fs::path nobody = dir_.path() / "nobody_listens.sock";
    scoped_env broken("NOTIFY_SOCKET", nobody.string());
    systemd_notifier notifier;
    EXPECT_NO_THROW(notifier.ready("ready"));
    EXPECT_NO_THROW(notifier.watchdog());
    EXPECT_NO_THROW(notifier.stopping("stopping"));
    spdlog::default_logger()->flush();
    const std::string text = log.str();
    const std::string warning =
        "systemd notification to NOTIFY_SOCKET=" + nobody.string() + " failed";
    const std::size_t first = text.find(warning);
    EXPECT_NE(first, std::string::npos) << text;
    EXPECT_EQ(text.find(warning, first + 1), std::string::npos) << "logged once: " << text;
  }
  spdlog::set_default_logger(previous);
  EXPECT_FALSE(socket_.has_datagram());
}

}  // namespace
}  // namespace tb::host
