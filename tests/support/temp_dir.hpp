#pragma once
// A fresh directory under the system temp directory, removed with everything in it when the
// object goes away. Shared by every test folder.
#include <filesystem>
#include <string>

namespace tb::test {

class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  // Writes `text` to path()/name and returns the file's path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

// The whole content of a file; throws std::runtime_error naming it when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace tb::test
