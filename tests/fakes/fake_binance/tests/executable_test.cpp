// Starts the real fake-binance executable with --port 0 and reads its first line.
#include <csignal>
#include <cstdio>
#include <regex>
#include <string>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

extern char** environ;

namespace {

TEST(fake_binance_executable, prints_listening_line_and_stops_on_sigterm) {
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::string exe = FAKE_BINANCE_EXECUTABLE;
  std::string port_flag = "--port";
  std::string port = "0";
  std::string symbols_flag = "--symbols";
  std::string symbols = "20";
  char* argv[] = {exe.data(), port_flag.data(), port.data(), symbols_flag.data(), symbols.data(), nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);

  std::string line;
  char c = 0;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  close(out[0]);
  EXPECT_TRUE(std::regex_match(line, std::regex(R"(listening 127\.0\.0\.1:[1-9][0-9]*)"))) << line;

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
