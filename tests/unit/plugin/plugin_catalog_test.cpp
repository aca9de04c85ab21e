#include "plugin/plugin_catalog.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "fixture_paths.hpp"

namespace tb::host {
namespace {

using testing::fixture;
using testing::fixture_dir;
using ::testing::HasSubstr;
using testing::temp_dir;
namespace fs = std::filesystem;

const catalog_entry* entry_for(const plugin_catalog& catalog, const fs::path& path) {
  for (const catalog_entry& e : catalog.entries) {
    if (e.path == path) return &e;
  }
  return nullptr;
}

TEST(PluginCatalog, ListsEveryFileOfTheFixtureDirectory) {
  const std::vector<fs::path> directories{fixture_dir()};
  const plugin_catalog catalog = list_plugins(directories);
  std::size_t files = 0;
  for (const auto& item : fs::directory_iterator(fixture_dir())) {
    files += item.path().extension() == ".so" ? 1 : 0;
  }
  EXPECT_EQ(catalog.entries.size(), files);
  EXPECT_TRUE(catalog.notes.empty());

  const catalog_entry* good = entry_for(catalog, fixture("good_exchange"));
  ASSERT_NE(good, nullptr);
  ASSERT_TRUE(good->ok());
  EXPECT_EQ(good->info->kind, TB_KIND_EXCHANGE);
  EXPECT_EQ(good->info->version, "0.4.0");

  const std::pair<const char*, plugin_errc> broken[] = {
      {"not_a_library", plugin_errc::not_loadable},
      {"unresolved_symbol", plugin_errc::unresolved_symbol},
      {"missing_entry", plugin_errc::missing_entry},
      {"entry_v2_only", plugin_errc::abi_mismatch},
      {"wrong_abi_major", plugin_errc::abi_mismatch},
      {"bad_kind", plugin_errc::bad_descriptor},
      {"id_mismatch", plugin_errc::id_mismatch},
  };
  for (const auto& [name, code] : broken) {
    SCOPED_TRACE(name);
    const catalog_entry* entry = entry_for(catalog, fixture(name));
    ASSERT_NE(entry, nullptr);
    EXPECT_FALSE(entry->ok());
    ASSERT_TRUE(entry->error.has_value());
    EXPECT_EQ(*entry->error, code);
    EXPECT_THAT(entry->problem, HasSubstr(fixture(name).string() + ": "));
  }
}

TEST(PluginCatalog, MixedDirectoriesWithShadowingAndAMissingOne) {
  temp_dir first, second;
  fs::copy_file(fixture("good_strategy"), first.path() / "good_strategy.so");
  fs::copy_file(fixture("not_a_library"), first.path() / "not_a_library.so");
  fs::copy_file(fixture("good_strategy"), second.path() / "good_strategy.so");
  std::ofstream(first.path() / "README.txt") << "not a plugin, not listed";
  const fs::path missing = first.path() / "missing";

  const std::vector<fs::path> directories{first.path(), missing, second.path()};
  const plugin_catalog catalog = list_plugins(directories);
  ASSERT_EQ(catalog.entries.size(), 3u);
  EXPECT_EQ(catalog.entries[0].path, first.path() / "good_strategy.so");
  EXPECT_TRUE(catalog.entries[0].ok());
  EXPECT_TRUE(catalog.entries[0].shadowed_by.empty());
  EXPECT_EQ(catalog.entries[1].path, first.path() / "not_a_library.so");
  EXPECT_FALSE(catalog.entries[1].ok());
  EXPECT_EQ(catalog.entries[2].path, second.path() / "good_strategy.so");
  EXPECT_EQ(catalog.entries[2].shadowed_by, first.path() / "good_strategy.so");
  ASSERT_EQ(catalog.notes.size(), 1u);
  EXPECT_EQ(catalog.notes[0], missing.string() + ": no such directory");

  std::ostringstream out;
  print_catalog(out, catalog);
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("good_strategy  strategy  1.2.3  ABI 1.5  OK\n"));
  EXPECT_THAT(text, HasSubstr("  file:  " + (first.path() / "good_strategy.so").string()));
  EXPECT_THAT(text, HasSubstr("  build: C fixture, gcc "));
  EXPECT_THAT(
      text, HasSubstr("not_a_library.so  FAILED (not_loadable)\n  " +
                      (first.path() / "not_a_library.so").string() + ": is not a shared library"));
  EXPECT_THAT(text, HasSubstr("not used: " + (first.path() / "good_strategy.so").string() +
                              " comes first in the search order"));
  EXPECT_THAT(text, HasSubstr("note: " + missing.string() + ": no such directory"));
}

TEST(PluginCatalog, InspectReportsInsteadOfThrowing) {
  const catalog_entry entry = inspect_plugin(fixture("no_such_plugin"));
  EXPECT_FALSE(entry.ok());
  EXPECT_EQ(entry.error, plugin_errc::file_missing);
  EXPECT_THAT(entry.problem, HasSubstr("no such file"));
}

}  // namespace
}  // namespace tb::host
