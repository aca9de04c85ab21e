#pragma once
// Runs a command line in a shell and captures what it prints, for end-to-end tests.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tb::test {

struct process_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// `environment` entries are set for the child only.
process_result run_command(const std::string& command,
                           const std::vector<std::pair<std::string, std::string>>& environment = {});

std::string shell_quoted(const std::filesystem::path& path);
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// A fresh directory under the system temp directory, removed with the object.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tb::test
