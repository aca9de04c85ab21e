#pragma once
// `tradingbot run` as a child process the test can kill, and the order ids the fake Binance
// received, for end-to-end tests of the order flow.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "fake_process.hpp"
#include "temp_dir.hpp"

namespace tb::test {

// `tradingbot run` as a child whose output goes to `log`: one cycle (--once), or the
// long-running service.
inline pid_t start_bot(const std::filesystem::path& config, const std::filesystem::path& log,
                       bool once = true) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a test that dies (a sanitizer abort) leaves no bot
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    std::vector<std::string> args = {TB_EXECUTABLE, "run", "--config", config.string(),
                                     "--plugin-dir", TB_FIXTURE_PLUGIN_DIR};
    if (once) args.insert(args.begin() + 2, "--once");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

inline int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Kills the bot `pid` names if it still runs when the test ends: a failed assertion must not
// leave it running (it would hold ctest's output open). Set `pid` to -1 once it was reaped.
class bot_reaper {
 public:
  explicit bot_reaper(const pid_t& pid) : pid_(pid) {}
  ~bot_reaper() {
    if (pid_ > 0 && ::kill(pid_, 0) == 0) {
      ::kill(pid_, SIGKILL);
      wait_for(pid_);
    }
  }
  bot_reaper(const bot_reaper&) = delete;
  bot_reaper& operator=(const bot_reaper&) = delete;

 private:
  const pid_t& pid_;
};

// Polls `done` every 100 ms until it holds or `timeout` passes; its last answer.
template <class F>
bool eventually(F done, std::chrono::seconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// Whether the bot's output `log` says `text` within `timeout` (the child may not have opened
// the file yet).
inline bool wait_for_log(const std::filesystem::path& log, const std::string& text, std::chrono::seconds timeout) {
  return eventually([&] {
    return std::filesystem::exists(log) && read_file(log).find(text) != std::string::npos;
  }, timeout);
}

// The admin API's port, from the log line that names it; 0 when none came within `timeout`.
inline int api_port(const std::filesystem::path& log, std::chrono::seconds timeout) {
  const std::regex line("admin API: listening on 127\\.0\\.0\\.1:([0-9]+)");
  int port = 0;
  eventually([&] {
    std::smatch m;
    const std::string text = std::filesystem::exists(log) ? read_file(log) : std::string();
    if (std::regex_search(text, m, line)) port = std::stoi(m[1]);
    return port > 0;
  }, timeout);
  return port;
}

// The client ids of the order POSTs the fake received, with their count.
inline std::map<std::string, int> orders_sent(tb::binance::testing::fake_process& fake) {
  std::map<std::string, int> sent;
  for (const char* path : {"/fapi/v1/order", "/fapi/v1/algoOrder"}) {
    for (const auto& r : fake.requests(path)) {
      if (r.value("method", "") != "POST") continue;
      const std::string text = r.value("body", "") + "&" + r.value("query", "");
      for (const std::string field : {"newClientOrderId=", "clientAlgoId="}) {
        const auto at = text.find(field);
        if (at == std::string::npos) continue;
        const auto from = at + field.size();
        ++sent[text.substr(from, text.find('&', from) - from)];
      }
    }
  }
  return sent;
}

}  // namespace tb::test
