// `tradingbot config check FILE`.
#include "app/commands.hpp"
#include "config/check_config.hpp"

namespace tb::host {

int check_config(const std::filesystem::path& file, std::ostream& out) {
  return check_config_file(file, out);
}

}  // namespace tb::host
