#include "core/atomic_file.hpp"

#include <filesystem>
#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

TEST(atomic_file, writes_and_replaces_the_content) {
  test::temp_dir dir;
  const auto path = (dir.path() / "state.json").string();
  write_file_atomically(path, "first");
  EXPECT_EQ(test::read_file(path), "first");
  write_file_atomically(path, "second, longer");
  EXPECT_EQ(test::read_file(path), "second, longer");
  write_file_atomically(path, "");
  EXPECT_EQ(test::read_file(path), "");
}

TEST(atomic_file, failure_names_the_path_and_leaves_no_temporary) {
  test::temp_dir dir;
  const auto path = (dir.path() / "missing" / "metrics.json").string();
  try {
    write_file_atomically(path, "x");
    FAIL() << "wrote into a directory that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("missing/metrics.json.tmp."));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("No such file or directory"));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(atomic_file, a_directory_in_the_way_fails_the_rename_and_cleans_up) {
  test::temp_dir dir;
  const auto path = dir.path() / "occupied";
  std::filesystem::create_directory(path);
  std::filesystem::create_directory(path / "child");  // a non-empty directory cannot be replaced
  EXPECT_THROW(write_file_atomically(path.string(), "x"), std::runtime_error);
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

}  // namespace
}  // namespace tb::host
