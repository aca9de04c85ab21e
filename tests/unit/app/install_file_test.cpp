// install_file: a new inode renamed into place, with its mode, leaving no temporary; a reader
// of the old file keeps reading the old bytes; failures leave the target untouched.
#include "app/install_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include "temp_dir.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using tb::test::read_file;

struct stat stat_of(const fs::path& path) {
  struct stat s {};
  if (::stat(path.c_str(), &s) != 0) throw std::runtime_error("stat " + path.string());
  return s;
}

std::size_t entries_in(const fs::path& directory) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(directory)) ++count;
  return count;
}

class install_file_test : public ::testing::Test {
 protected:
  tb::test::temp_dir dir_;
  fs::path source_ = dir_.write("source.so", "new library bytes");
  fs::path target_dir_ = [this] {
    fs::create_directory(dir_.path() / "plugins");
    return dir_.path() / "plugins";
  }();
  fs::path target_ = target_dir_ / "strategy_x.so";
};

TEST_F(install_file_test, the_file_lands_with_its_content_and_mode_whatever_the_umask) {
  const mode_t old_umask = ::umask(077);
  install_file(source_, target_, 0755);
  ::umask(old_umask);
  EXPECT_EQ(read_file(target_), "new library bytes");
  EXPECT_EQ(stat_of(target_).st_mode & 07777, 0755u);
  EXPECT_EQ(entries_in(target_dir_), 1u) << "no temporary is left behind";
  EXPECT_EQ(install_temporary_for(target_), target_dir_ / ".strategy_x.so.tmp");
}

TEST_F(install_file_test, a_reinstall_is_a_new_inode_and_an_open_old_file_keeps_its_bytes) {
  tb::test::temp_dir other;
  install_file(other.write("old.so", "old library bytes"), target_, 0755);
  const ino_t old_inode = stat_of(target_).st_ino;
  const int old_fd = ::open(target_.c_str(), O_RDONLY | O_CLOEXEC);  // as a running bot's mapping
  ASSERT_GE(old_fd, 0);

  install_file(source_, target_, 0755);

  EXPECT_NE(stat_of(target_).st_ino, old_inode) << "renamed into place, not written over";
  EXPECT_EQ(read_file(target_), "new library bytes");
  char buffer[64] = {};
  const ssize_t n = ::pread(old_fd, buffer, sizeof buffer, 0);
  ::close(old_fd);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0), "old library bytes");
  EXPECT_EQ(entries_in(target_dir_), 1u);
}

TEST_F(install_file_test, a_stale_temporary_is_replaced) {
  const fs::path stale = dir_.write("plugins/.strategy_x.so.tmp", "half a library from a crash");
  install_file(source_, target_, 0755);
  EXPECT_EQ(read_file(target_), "new library bytes");
  EXPECT_FALSE(fs::exists(stale));
}

TEST_F(install_file_test, a_missing_source_is_an_error_naming_it_and_the_target_is_untouched) {
  install_file(source_, target_, 0755);
  const ino_t inode = stat_of(target_).st_ino;
  const fs::path missing = dir_.path() / "missing.so";
  try {
    install_file(missing, target_, 0755);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(stat_of(target_).st_ino, inode);
  EXPECT_EQ(read_file(target_), "new library bytes");
  EXPECT_EQ(entries_in(target_dir_), 1u);
}

TEST_F(install_file_test, a_missing_target_directory_is_an_error_naming_it) {
  const fs::path missing = dir_.path() / "no_such_dir";
  try {
    install_file(source_, missing / "strategy_x.so", 0755);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(missing));
}

}  // namespace
}  // namespace tb::host
