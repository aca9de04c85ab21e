#include "process.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace tb::test {

std::string shell_quoted(const std::filesystem::path& path) {
  std::string text = "'";
  for (char c : path.string()) {
    if (c == '\'') {
      text += "'\\''";
    } else {
      text += c;
    }
  }
  return text + "'";
}

process_result run_command(const std::string& command,
                           const std::vector<std::pair<std::string, std::string>>& environment) {
  std::string line;
  for (const auto& [name, value] : environment) line += name + "=" + shell_quoted(value) + " ";
  line += command + " 2>&1";
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed for: " + line);
  process_result result;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace tb::test
