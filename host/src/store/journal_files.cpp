#include "store/journal_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/atomic_file.hpp"
#include "store/journal_error.hpp"
#include "store/journal_rows.hpp"
#include "store/journal_schema.hpp"
#include "store/sqlite_db.hpp"
#include "store/trades_json.hpp"

namespace tb::host::journal_files {

namespace {

namespace fs = std::filesystem;

void remove_quietly(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

void remove_database_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) remove_quietly(path + suffix);
}

void sync_directory_of(const std::string& path) {
  const auto parent = fs::path(path).parent_path();
  const std::string dir = parent.empty() ? "." : parent.string();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw journal_error("trade journal " + path + ": fsync of directory " + dir +
                        " failed: " + std::strerror(err));
  }
  ::close(fd);
}

}  // namespace

std::vector<trade_record> read_import(const std::string& trades_json_path) {
  std::optional<std::string> text;
  try {
    text = read_file_if_present(trades_json_path);
  } catch (const std::system_error& e) {
    throw journal_error("trades.json " + trades_json_path + ": cannot be read (" +
                        e.code().message() +
                        "); nothing was imported and start-up stopped: make it readable or "
                        "move it away");
  }
  if (!text) return {};
  return parse_trades_json(*text, trades_json_path);
}

void create_journal(const std::string& db_path, const std::vector<trade_record>& imported) {
  const std::string wal = db_path + "-wal";
  std::error_code ec;
  if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0 && !ec) {
    throw journal_error("trade journal " + db_path + ": " + wal +
                        " exists without its database; start-up stopped: restore the database "
                        "beside it, or move the -wal file away to start a new journal");
  }
  const std::string temp = db_path + ".new";
  remove_database_files(temp);
  try {
    {
      auto db = sqlite_db::open(temp, sqlite_db::access::create);
      configure_connection(db);
      migrate_journal(db);
      transaction tx(db);
      for (const auto& trade : imported) journal_rows::insert_trade(db, trade);
      tx.commit();
    }
    if (::rename(temp.c_str(), db_path.c_str()) != 0) {
      throw journal_error("trade journal " + db_path + ": rename from " + temp +
                          " failed: " + std::strerror(errno));
    }
    sync_directory_of(db_path);
  } catch (...) {
    remove_database_files(temp);
    throw;
  }
}

}  // namespace tb::host::journal_files
