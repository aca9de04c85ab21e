// plugin_copy: a private copy named after its generation and digest, the identity of the
// bytes read, no partial file left behind; the residency check; the clean-up of old copies.
#include "plugin/plugin_copy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "fixture_paths.hpp"
#include "plugin/plugin_error.hpp"
#include "plugin/plugin_library.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using testing::fixture;
using testing::temp_dir;
using ::testing::HasSubstr;

// SHA-256("abc"), FIPS 180-2 appendix B.1.
constexpr const char* abc_digest =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

fs::path write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(PluginCopy, NamesTheCopyAfterItsGenerationAndDigest) {
  temp_dir dir;
  const fs::path source = write(dir.path() / "mine.so", "abc");
  const fs::path copies = dir.path() / "state" / "plugins";  // made on the way
  const plugin_copy copy = make_private_copy(source, copies, "mine", 7);

  EXPECT_EQ(copy.sha256, abc_digest);
  EXPECT_EQ(copy.path, copies / "mine.7.ba7816bf8f01.so");
  EXPECT_EQ(tb::test::read_file(copy.path), "abc");
  EXPECT_EQ(copy.source, identify(source));
  EXPECT_NE(identify(copy.path)->inode, copy.source.inode);
  struct stat status {};
  ASSERT_EQ(::stat(copy.path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  EXPECT_EQ(names_in(copies), std::vector<std::string>{"mine.7.ba7816bf8f01.so"});  // no temporary
}

TEST(PluginCopy, AMissingSourceIsAnErrorNamingIt) {
  temp_dir dir;
  const fs::path missing = dir.path() / "gone.so";
  try {
    make_private_copy(missing, dir.path() / "copies", "gone", 1);
    FAIL() << "copied a missing file";
  } catch (const plugin_error& e) {
    EXPECT_EQ(e.code(), plugin_errc::file_missing);
    EXPECT_THAT(e.what(), HasSubstr(missing.string() + ": cannot be opened"));
  }
  try {
    make_private_copy(dir.path(), dir.path() / "copies", "dir", 1);
    FAIL() << "copied a directory";
  } catch (const plugin_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("is not a regular file"));
  }
}

TEST(PluginCopy, TheCopyLoadsAndTellsWhenItHasUnloaded) {
  temp_dir dir;
  const plugin_copy copy = make_private_copy(fixture("good_strategy"), dir.path(), "good_strategy", 1);
  EXPECT_FALSE(is_resident(copy.path));
  auto library = plugin_library::open(copy.path, "good_strategy");
  EXPECT_TRUE(is_resident(copy.path));
  EXPECT_FALSE(is_resident(fixture("good_strategy")));  // another path, another object
  library.reset();
  EXPECT_FALSE(is_resident(copy.path));
}

TEST(PluginCopy, RemovesOnlyTheCopiesOfThePluginNamed) {
  temp_dir dir;
  for (const char* name : {"mine.0.0123456789ab.so", "mine.12.ffffffffffff.so", ".mine.3.tmp",
                           "mine.so", "mine.x.0123456789ab.so", "mine.1.0123456789ab.so.bak",
                           "mine.1.XYZ.so", "mine_two.1.0123456789ab.so",
                           "other.1.0123456789ab.so"}) {
    write(dir.path() / name, "x");
  }
  EXPECT_EQ(remove_private_copies(dir.path(), "mine"), 3u);
  EXPECT_EQ(names_in(dir.path()),
            (std::vector<std::string>{"mine.1.0123456789ab.so.bak", "mine.1.XYZ.so",
                                      "mine.so", "mine.x.0123456789ab.so",
                                      "mine_two.1.0123456789ab.so", "other.1.0123456789ab.so"}));
  EXPECT_EQ(remove_private_copies(dir.path() / "missing", "mine"), 0u);
}

}  // namespace
}  // namespace tb::host
