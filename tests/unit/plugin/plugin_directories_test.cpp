#include "plugin/plugin_directories.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <fstream>

#include "fixture_paths.hpp"
#include "plugin/plugin_error.hpp"

namespace tb::host {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::temp_dir;
namespace fs = std::filesystem;

void touch(const fs::path& file) { std::ofstream(file) << "x"; }

plugin_error find_error(std::string_view name, const std::vector<fs::path>& directories) {
  try {
    find_plugin(name, directories);
  } catch (const plugin_error& e) {
    return e;
  }
  ADD_FAILURE() << name << " was found";
  return plugin_error(plugin_errc::host_failure, {}, "(found)");
}

TEST(PluginDirectories, DefaultIsBesideTheExecutableAsInstalled) {
  const fs::path executable = boost::dll::program_location();
  EXPECT_THAT(default_plugin_directories(), ElementsAre((executable.parent_path().parent_path() /
                                                         "lib" / "tradingbot" / "plugins")));
}

TEST(PluginDirectories, SearchPathIsCommandLineThenConfigThenDefault) {
  const std::vector<fs::path> command_line{"/cli/a", "/cli/b/"};
  const std::vector<fs::path> configured{"/yaml/c", "/cli/a"};
  const std::vector<fs::path> path = plugin_search_path(command_line, configured);
  ASSERT_EQ(path.size(), 4u);
  EXPECT_EQ(path[0], fs::path("/cli/a"));
  EXPECT_EQ(path[1], fs::path("/cli/b/"));
  EXPECT_EQ(path[2], fs::path("/yaml/c"));
  EXPECT_EQ(path[3], default_plugin_directories().front());
}

TEST(PluginDirectories, FirstDirectoryWithTheFileWins) {
  temp_dir first, second;
  touch(second.path() / "alpha.so");
  touch(first.path() / "beta.so");
  touch(second.path() / "beta.so");
  const std::vector<fs::path> directories{first.path(), second.path()};
  EXPECT_EQ(find_plugin("alpha", directories), second.path() / "alpha.so");
  EXPECT_EQ(find_plugin("beta", directories), first.path() / "beta.so");
}

TEST(PluginDirectories, NotFoundListsEveryDirectorySearched) {
  temp_dir existing, with_directory;
  fs::create_directory(with_directory.path() / "gamma.so");
  const fs::path missing = existing.path() / "nope";
  const plugin_error e = find_error("gamma", {missing, existing.path(), with_directory.path()});
  EXPECT_EQ(e.code(), plugin_errc::not_found);
  EXPECT_THAT(e.what(), HasSubstr("plugin 'gamma' not found: no gamma.so in any plugin "
                                  "directory; searched: " +
                                  missing.string() + " (no such directory), " +
                                  existing.path().string() + ", " + with_directory.path().string() +
                                  " (gamma.so is not a regular file)"));
  EXPECT_THAT(e.what(), HasSubstr("--plugin-dir"));
}

TEST(PluginDirectories, RefusesNamesThatAreNotIds) {
  temp_dir dir;
  for (const char* name : {"../evil", "Upper", "", "a.so"}) {
    SCOPED_TRACE(name);
    EXPECT_THAT(find_error(name, {dir.path()}).what(), HasSubstr("is not a valid plugin id"));
  }
}

}  // namespace
}  // namespace tb::host
