#include "proc_sample.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace tb::bench {

std::optional<proc_sample> sample_process(pid_t pid) {
  const std::filesystem::path dir = "/proc/" + std::to_string(pid);
  std::ifstream status(dir / "status");
  if (!status) return std::nullopt;
  proc_sample s;
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) s.rss_kb = std::strtol(line.c_str() + 6, nullptr, 10);
    if (line.rfind("Threads:", 0) == 0) s.threads = std::strtol(line.c_str() + 8, nullptr, 10);
  }
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir / "fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++s.fds;
  }
  if (ec || s.rss_kb == 0) return std::nullopt;  // a zombie has no memory and no fd folder
  return s;
}

}  // namespace tb::bench
