#include "plugin/plugin_library.hpp"

#include <dlfcn.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "fixture_paths.hpp"
#include "plugin/plugin_error.hpp"

namespace tb::host {
namespace {

using testing::fixture;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::temp_dir;
namespace fs = std::filesystem;

// The plugin_error open() throws for file; a test failure when it loads.
plugin_error open_error(const fs::path& file, std::string_view expected_id = {}) {
  try {
    plugin_library::open(file, expected_id);
  } catch (const plugin_error& e) {
    return e;
  }
  ADD_FAILURE() << file << " loaded, but it should have been refused";
  return plugin_error(plugin_errc::host_failure, file, "(loaded)");
}

// Is the object at path mapped in this process? (RTLD_NOLOAD never loads it.)
bool is_loaded(const fs::path& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  dlclose(handle);
  return true;
}

TEST(PluginLibrary, LoadsAGoodStrategyAndCopiesItsInfo) {
  const auto library = plugin_library::open(fixture("good_strategy"));
  const plugin_info& info = library->info();
  EXPECT_EQ(info.id, "good_strategy");
  EXPECT_EQ(info.kind, TB_KIND_STRATEGY);
  EXPECT_EQ(info.version, "1.2.3");
  EXPECT_EQ(info.abi_major, TB_ABI_MAJOR);
  EXPECT_EQ(info.abi_minor, TB_ABI_MINOR);
  EXPECT_EQ(info.descriptor_size, sizeof(tb_plugin_descriptor));
  EXPECT_EQ(info.description, "Test fixture: signals the direction of the last 1h candle");
  EXPECT_THAT(info.build_info, StartsWith("C fixture, gcc "));
  EXPECT_EQ(info.path, fixture("good_strategy"));
  EXPECT_FALSE(library->resident());
  EXPECT_EQ(library->descriptor().kind, TB_KIND_STRATEGY);
  EXPECT_THAT(describe(info), HasSubstr("good_strategy 1.2.3 (strategy, ABI 1.5) from "));
}

TEST(PluginLibrary, AcceptsTheNameConfiguredInYaml) {
  EXPECT_EQ(plugin_library::open(fixture("good_strategy"), "good_strategy")->info().id,
            "good_strategy");
  const plugin_error e = open_error(fixture("good_strategy"), "ictsmc");
  EXPECT_EQ(e.code(), plugin_errc::id_mismatch);
  EXPECT_THAT(e.what(), HasSubstr("descriptor id is 'good_strategy' but the plugin was asked "
                                  "for as 'ictsmc'"));
}

TEST(PluginLibrary, MakesARelativePathAbsolute) {
  const fs::path relative = fs::relative(fixture("good_strategy"));
  ASSERT_TRUE(relative.is_relative());
  EXPECT_EQ(plugin_library::open(relative)->info().path, fixture("good_strategy"));
}

TEST(PluginLibrary, StrategyUnloadsWhenReleased) {
  const fs::path path = fixture("good_strategy");
  auto library = plugin_library::open(path);
  ASSERT_TRUE(is_loaded(path));
  library.reset();
  EXPECT_FALSE(is_loaded(path)) << "a strategy library must unload (hot reload needs it)";
}

TEST(PluginLibrary, ExchangeAndNotifierStayResidentAfterRelease) {
  for (const char* name : {"good_exchange", "good_notifier"}) {
    SCOPED_TRACE(name);
    const fs::path path = fixture(name);
    auto library = plugin_library::open(path);
    EXPECT_TRUE(library->resident());
    library.reset();
    EXPECT_TRUE(is_loaded(path)) << "exchange and notifier libraries are RTLD_NODELETE";
  }
}

TEST(PluginLibrary, RefusedFileDoesNotStayLoaded) {
  const fs::path path = fixture("bad_kind");
  open_error(path);
  EXPECT_FALSE(is_loaded(path));
}

TEST(PluginLibrary, MissingFile) {
  const fs::path path = fixture("no_such_plugin");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::file_missing);
  EXPECT_EQ(e.file(), path);
  EXPECT_THAT(e.what(), StartsWith(path.string() + ": no such file"));
}

TEST(PluginLibrary, DirectoryIsNotAPlugin) {
  temp_dir dir;
  const fs::path path = dir.path() / "looks_like.so";
  fs::create_directory(path);
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::file_missing);
  EXPECT_THAT(e.what(), HasSubstr(path.string() + ": is not a regular file"));
}

TEST(PluginLibrary, TextFileIsNotASharedLibrary) {
  const fs::path path = fixture("not_a_library");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::not_loadable);
  EXPECT_THAT(e.what(), StartsWith(path.string() + ": is not a shared library (dlopen: "));
  EXPECT_THAT(e.what(), HasSubstr("invalid ELF header"));
}

// A copy of a good plugin with one byte of its ELF header changed.
fs::path patched_copy(const temp_dir& dir, std::streamoff offset, char value) {
  const fs::path copy = dir.path() / "good_strategy.so";
  fs::copy_file(fixture("good_strategy"), copy);
  std::fstream file(copy, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(offset);
  file.put(value);
  return copy;
}

TEST(PluginLibrary, ObjectForAnotherMachine) {
  temp_dir dir;
  // e_machine (offset 18, little-endian) = 183, EM_AARCH64; this host is x86-64.
  const fs::path path = patched_copy(dir, 18, static_cast<char>(183));
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::not_loadable);
  EXPECT_THAT(e.what(), HasSubstr("another CPU architecture"));
  EXPECT_THAT(e.what(), HasSubstr("(dlopen: "));
}

TEST(PluginLibrary, ObjectOfAnotherWordSize) {
  temp_dir dir;
  const fs::path path = patched_copy(dir, 4, 1);  // EI_CLASS = ELFCLASS32
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::not_loadable);
  EXPECT_THAT(e.what(), HasSubstr("was built for another CPU architecture or word size"));
  EXPECT_THAT(e.what(), HasSubstr("wrong ELF class"));
}

TEST(PluginLibrary, UnresolvedSymbolIsNamed) {
  const fs::path path = fixture("unresolved_symbol");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::unresolved_symbol);
  EXPECT_THAT(e.what(), StartsWith(path.string() + ": cannot be loaded: undefined symbol "
                                                   "'tb_fixture_symbol_nobody_defines'"));
  EXPECT_THAT(e.what(), HasSubstr("-Wl,--no-undefined"));
}

TEST(PluginLibrary, MissingDependencyIsNamed) {
  const fs::path path = fixture("missing_dependency");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::not_loadable);
  EXPECT_THAT(e.what(), StartsWith(path.string() + ": a library it depends on cannot be found"));
  EXPECT_THAT(e.what(), HasSubstr("libtb_fixture_dependency.so"));
}

TEST(PluginLibrary, MissingEntrySymbol) {
  const fs::path path = fixture("missing_entry");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::missing_entry);
  EXPECT_THAT(e.what(), StartsWith(path.string() + ": does not export tb_plugin_entry_v1"));
}

TEST(PluginLibrary, EntryForAnotherMajorOnly) {
  const fs::path path = fixture("entry_v2_only");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::abi_mismatch);
  EXPECT_THAT(e.what(), StartsWith(path.string() +
                                   ": exports tb_plugin_entry_v2 but not tb_plugin_entry_v1"));
  EXPECT_THAT(e.what(),
              HasSubstr("built for SDK ABI 2, this host speaks 1; rebuild it against SDK 1.x"));
}

TEST(PluginLibrary, DescriptorOfAnotherMajor) {
  const fs::path path = fixture("wrong_abi_major");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::abi_mismatch);
  EXPECT_THAT(e.what(), StartsWith(path.string() + ": built for SDK ABI 2, this host speaks 1; "
                                                   "rebuild it against SDK 1.x"));
}

TEST(PluginLibrary, DescriptorTooSmall) {
  const fs::path path = fixture("descriptor_too_small");
  const plugin_error e = open_error(path);
  EXPECT_EQ(e.code(), plugin_errc::bad_descriptor);
  EXPECT_THAT(
      e.what(),
      HasSubstr("descriptor struct_size is " + std::to_string(offsetof(tb_plugin_descriptor, id)) +
                " bytes, smaller than the " + std::to_string(descriptor_v1_size) + " bytes"));
}

TEST(PluginLibrary, UnknownKind) {
  const plugin_error e = open_error(fixture("bad_kind"));
  EXPECT_EQ(e.code(), plugin_errc::bad_descriptor);
  EXPECT_THAT(e.what(), StartsWith(fixture("bad_kind").string() +
                                   ": descriptor kind is 7, which is none of TB_KIND_EXCHANGE"));
}

TEST(PluginLibrary, IdDiffersFromFileName) {
  const plugin_error e = open_error(fixture("id_mismatch"));
  EXPECT_EQ(e.code(), plugin_errc::id_mismatch);
  EXPECT_THAT(e.what(), StartsWith(fixture("id_mismatch").string() +
                                   ": descriptor id is 'some_other_plugin' but the plugin was "
                                   "asked for as 'id_mismatch'"));
}

TEST(PluginLibrary, IdWithForbiddenCharacters) {
  const plugin_error e = open_error(fixture("invalid_id"));
  EXPECT_EQ(e.code(), plugin_errc::bad_descriptor);
  EXPECT_THAT(e.what(), HasSubstr("descriptor id 'Invalid-Id' is not a valid plugin id"));
}

TEST(PluginLibrary, EmptyVersion) {
  const plugin_error e = open_error(fixture("empty_version"));
  EXPECT_EQ(e.code(), plugin_errc::bad_descriptor);
  EXPECT_THAT(e.what(), HasSubstr("descriptor version is empty"));
}

TEST(PluginLibrary, NullRequiredFunction) {
  const plugin_error e = open_error(fixture("null_function"));
  EXPECT_EQ(e.code(), plugin_errc::bad_descriptor);
  EXPECT_THAT(e.what(), StartsWith(fixture("null_function").string() +
                                   ": descriptor function start is NULL"));
}

}  // namespace
}  // namespace tb::host
