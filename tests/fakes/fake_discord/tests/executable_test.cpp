// Starts the real fake-discord executable with --port 0, reads its first line, then SIGTERM.
#include <csignal>
#include <regex>
#include <string>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

extern char** environ;

namespace {

int run_and_wait(std::vector<std::string> args, bool terminate, std::string* first_line) {
  int out[2];
  if (pipe(out) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::string exe = FAKE_DISCORD_EXECUTABLE;
  std::vector<char*> argv{exe.data()};
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    return -1;
  }
  if (first_line != nullptr) {
    char c = 0;
    while (read(out[0], &c, 1) == 1 && c != '\n') first_line->push_back(c);
  }
  if (terminate) kill(pid, SIGTERM);
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(fake_discord_executable, prints_listening_line_and_stops_on_sigterm) {
  std::string line;
  const int code = run_and_wait({"--port", "0", "--heartbeat-ms", "200"}, true, &line);
  EXPECT_TRUE(std::regex_match(line, std::regex(R"(listening 127\.0\.0\.1:[1-9][0-9]*)"))) << line;
  EXPECT_EQ(code, 0);
}

TEST(fake_discord_executable, unknown_flag_exits_2) {
  EXPECT_EQ(run_and_wait({"--bogus"}, false, nullptr), 2);
  EXPECT_EQ(run_and_wait({"--message-limit", "zero"}, false, nullptr), 2);
}

}  // namespace
