#include "plugin/plugin_library.hpp"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>
#include <cstring>
#include <string>
#include <system_error>

#include "plugin/plugin_call.hpp"
#include "plugin/plugin_error.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;

// Longest descriptor string copied; a longer one is treated as unterminated garbage.
constexpr std::size_t max_descriptor_string = 1024;
// Entry-symbol majors probed when tb_plugin_entry_v1 is missing, to say "built for ABI N".
constexpr int max_probed_abi_major = 16;

[[noreturn]] void fail(plugin_errc code, const fs::path& file, const std::string& problem) {
  throw plugin_error(code, file, file.string() + ": " + problem);
}

std::string abi_advice(unsigned plugin_major) {
  std::string text = "built for SDK ABI " + std::to_string(plugin_major) + ", this host speaks " +
                     std::to_string(TB_ABI_MAJOR) + "; rebuild it against SDK " +
                     std::to_string(TB_ABI_MAJOR) + ".x";
  if (plugin_major > TB_ABI_MAJOR)
    text += " (or run a host built for ABI " + std::to_string(plugin_major) + ")";
  return text;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// dlopen's message is the only account of why a file did not load; keep it whole and say
// in plain words what it most likely means.
[[noreturn]] void fail_load(const fs::path& file, const std::string& dl_text) {
  const std::string quoted = " (dlopen: " + dl_text + ")";
  constexpr std::string_view undefined = "undefined symbol: ";
  if (const auto at = dl_text.find(undefined); at != std::string::npos) {
    const std::string symbol = dl_text.substr(at + undefined.size());
    fail(plugin_errc::unresolved_symbol, file,
         "cannot be loaded: undefined symbol '" + symbol + "'" + quoted +
             "; the plugin uses a symbol that neither it nor the libraries it links define. "
             "Plugins must not rely on host symbols: link what it needs and build it with "
             "tb_add_plugin(), which passes -Wl,--no-undefined");
  }
  if (contains(dl_text, "invalid ELF header") || contains(dl_text, "file too short")) {
    fail(plugin_errc::not_loadable, file, "is not a shared library" + quoted);
  }
  if (contains(dl_text, "wrong ELF class") || contains(dl_text, "ELF file data encoding")) {
    fail(plugin_errc::not_loadable, file,
         "was built for another CPU architecture or word size" + quoted +
             "; rebuild it for this machine");
  }
  if (contains(dl_text, "cannot open shared object file")) {
    if (dl_text.rfind(file.string(), 0) == 0) {
      // The file exists (checked before), so the loader rejected it; glibc says "No such
      // file" for an ELF object of another machine type.
      fail(plugin_errc::not_loadable, file,
           "was rejected by the loader, most likely because it was built for another CPU "
           "architecture" +
               quoted + "; rebuild it for this machine");
    }
    fail(plugin_errc::not_loadable, file,
         "a library it depends on cannot be found" + quoted +
             "; install that library or fix the plugin's RPATH");
  }
  fail(plugin_errc::not_loadable, file, "cannot be loaded" + quoted);
}

[[noreturn]] void fail_missing_entry(const fs::path& file, const boost::dll::shared_library& lib) {
  for (int major = 0; major <= max_probed_abi_major; ++major) {
    if (major == TB_ABI_MAJOR) continue;
    const std::string symbol = "tb_plugin_entry_v" + std::to_string(major);
    if (lib.has(symbol)) {
      fail(plugin_errc::abi_mismatch, file,
           "exports " + symbol + " but not " TB_ENTRY_SYMBOL ": it was " +
               abi_advice(static_cast<unsigned>(major)));
    }
  }
  fail(plugin_errc::missing_entry, file,
       "does not export " TB_ENTRY_SYMBOL
       ", so it is not a TradingBot plugin for this host; "
       "build it with tb_add_plugin() and define the entry with TB_EXPORT");
}

// A string field of the descriptor; `truncated` when no NUL was found within the limit.
std::string copy_field(const char* text, bool& truncated) {
  truncated = false;
  if (text == nullptr) return {};
  const std::size_t length = strnlen(text, max_descriptor_string);
  truncated = length == max_descriptor_string;
  return std::string(text, length);
}

void check_header(const fs::path& file, const tb_plugin_descriptor& d) {
  constexpr std::size_t abi_end = offsetof(tb_plugin_descriptor, abi_minor) + sizeof d.abi_minor;
  if (d.struct_size >= abi_end && d.abi_major != TB_ABI_MAJOR) {
    fail(plugin_errc::abi_mismatch, file, abi_advice(d.abi_major));
  }
  if (d.struct_size < descriptor_v1_size) {
    fail(plugin_errc::bad_descriptor, file,
         "descriptor struct_size is " + std::to_string(d.struct_size) +
             " bytes, smaller than the " + std::to_string(descriptor_v1_size) +
             " bytes of an SDK 1.0 descriptor; the file is corrupt or was not built with the "
             "TradingBot SDK");
  }
  if (d.kind != TB_KIND_EXCHANGE && d.kind != TB_KIND_STRATEGY && d.kind != TB_KIND_NOTIFIER) {
    fail(plugin_errc::bad_descriptor, file,
         "descriptor kind is " + std::to_string(d.kind) +
             ", which is none of TB_KIND_EXCHANGE (1), TB_KIND_STRATEGY (2), TB_KIND_NOTIFIER (3)");
  }
}

void check_identity(const fs::path& file, const plugin_info& info, bool id_truncated,
                    bool version_truncated, std::string_view expected_id) {
  if (info.id.empty()) {
    fail(plugin_errc::bad_descriptor, file,
         "descriptor id is empty; set it to the file name without .so ('" +
             std::string(expected_id) + "')");
  }
  if (id_truncated || !is_valid_plugin_id(info.id)) {
    fail(plugin_errc::bad_descriptor, file,
         "descriptor id '" + info.id.substr(0, 64) +
             "' is not a valid plugin id: use only a-z, 0-9 and _ (and name the file after it)");
  }
  if (info.id != expected_id) {
    fail(plugin_errc::id_mismatch, file,
         "descriptor id is '" + info.id + "' but the plugin was asked for as '" +
             std::string(expected_id) +
             "'; a plugin's id must equal its file name without .so: rename the file or fix "
             "the id");
  }
  if (info.version.empty() || version_truncated) {
    fail(plugin_errc::bad_descriptor, file,
         "descriptor version is empty or unterminated; set it to the plugin's semantic version "
         "(\"1.2.0\")");
  }
}

void check_functions(const fs::path& file, const tb_plugin_descriptor& d) {
  const std::pair<const char*, bool> required[] = {
      {"create", d.create != nullptr},
      {"start", d.start != nullptr},
      {"stop", d.stop != nullptr},
      {"destroy", d.destroy != nullptr},
      {"get_interface", d.get_interface != nullptr},
  };
  for (const auto& [name, present] : required) {
    if (!present) {
      fail(plugin_errc::bad_descriptor, file,
           std::string("descriptor function ") + name +
               " is NULL; every v1 function (create, start, stop, destroy, get_interface) is "
               "required");
    }
  }
}

fs::path checked_path(const fs::path& file) {
  std::error_code ec;
  fs::path path = fs::absolute(file, ec).lexically_normal();
  if (ec) path = file;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) {
    fail(plugin_errc::file_missing, path,
         "no such file; check the name and the plugin directories (--plugin-dir, "
         "plugins.directories)");
  }
  if (!fs::is_regular_file(status)) {
    fail(plugin_errc::file_missing, path, "is not a regular file, so it cannot be a plugin");
  }
  return path;
}

}  // namespace

plugin_library::plugin_library() : library_(std::make_unique<boost::dll::shared_library>()) {}

plugin_library::~plugin_library() = default;

std::shared_ptr<const plugin_library> plugin_library::open(const fs::path& file,
                                                           std::string_view expected_id) {
  const fs::path path = checked_path(file);
  const std::string expected =
      expected_id.empty() ? path.stem().string() : std::string(expected_id);

  std::shared_ptr<plugin_library> self(new plugin_library());
  self->info_.path = path;
  self->info_.id = expected;  // until the descriptor says otherwise, for messages

  std::error_code ec;
  dlerror();
  self->library_->load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local,
                       ec);
  if (ec) {
    // Boost.DLL makes no dl* call between its failed dlopen and here, so this is its text.
    const char* text = dlerror();
    fail_load(path, text != nullptr ? std::string(text) : ec.message());
  }

  if (!self->library_->has(TB_ENTRY_SYMBOL)) fail_missing_entry(path, *self->library_);
  auto& entry = self->library_->get<const tb_plugin_descriptor*()>(TB_ENTRY_SYMBOL);
  const call_site site{self->info_, {}, TB_ENTRY_SYMBOL "()"};
  const tb_plugin_descriptor* d = guarded_call(site, [&] { return entry(); });
  if (d == nullptr) {
    fail(plugin_errc::bad_descriptor, path,
         TB_ENTRY_SYMBOL "() returned NULL instead of its descriptor");
  }

  check_header(path, *d);
  plugin_info info;
  info.path = path;
  bool id_truncated = false;
  bool version_truncated = false;
  bool ignored = false;
  info.id = copy_field(d->id, id_truncated);
  info.version = copy_field(d->version, version_truncated);
  info.description = copy_field(d->description, ignored);
  info.build_info = copy_field(d->build_info, ignored);
  info.kind = d->kind;
  info.abi_major = d->abi_major;
  info.abi_minor = d->abi_minor;
  info.descriptor_size = d->struct_size;
  check_identity(path, info, id_truncated, version_truncated, expected);
  check_functions(path, *d);

  self->descriptor_ = d;
  self->info_ = std::move(info);

  if (kind_stays_resident(d->kind)) {
    // Boost 1.74's load_mode has no NODELETE; glibc accepts it on an already loaded object,
    // which then stays mapped after its last dlclose.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    if (handle == nullptr) {
      const char* text = dlerror();
      fail(
          plugin_errc::host_failure, path,
          std::string("could not mark the library resident (dlopen RTLD_NOLOAD | RTLD_NODELETE: ") +
              (text != nullptr ? text : "no error text") + ")");
    }
    dlclose(handle);  // drops the extra reference; the NODELETE mark stays
    self->resident_ = true;
  }
  return self;
}

}  // namespace tb::host
