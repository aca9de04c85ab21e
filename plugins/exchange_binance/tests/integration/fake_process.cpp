#include "fake_process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace tb::binance::testing {

fake_process::fake_process(const std::vector<std::string>& extra_args,
                           std::chrono::seconds start_timeout) {
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {TB_FAKE_BINANCE_PATH, "--port", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a test that dies (a sanitizer abort) leaves no fake
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + start_timeout;
  const std::string marker = "listening 127.0.0.1:";
  while (text.find('\n', text.find(marker) == std::string::npos ? text.size() : text.find(marker)) ==
         std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{out[0], POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[256];
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  const std::size_t at = text.find(marker);
  if (at == std::string::npos) {
    stop();
    throw std::runtime_error("fake-binance did not print its port; output: " + text);
  }
  port_ = std::stoi(text.substr(at + marker.size()));
  net::endpoint e;
  e.tls = false;
  e.host = "127.0.0.1";
  e.port = std::to_string(port_);
  client_ = std::make_unique<net::http_client>(e, 2, "fake-process-control");
}

void fake_process::stop() noexcept {
  client_.reset();
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
}

nlohmann::json fake_process::admin(const char* method, const std::string& path,
                                   const nlohmann::json& body) {
  net::http_request r;
  r.method = method;
  r.target = path;
  if (!body.is_null()) r.body = body.dump();
  const net::http_response res =
      client_->send(r, std::chrono::steady_clock::now() + std::chrono::seconds(10), false);
  if (res.status < 200 || res.status >= 300) {
    throw std::runtime_error("admin " + path + " answered " + std::to_string(res.status) + ": " +
                             res.body);
  }
  return res.body.empty() ? nlohmann::json() : nlohmann::json::parse(res.body);
}

std::vector<nlohmann::json> fake_process::requests(const std::string& path) {
  std::vector<nlohmann::json> out;
  for (const auto& r : admin("GET", "/_admin/requests")) {
    if (path.empty() || r.value("path", "") == path) out.push_back(r);
  }
  return out;
}

}  // namespace tb::binance::testing
