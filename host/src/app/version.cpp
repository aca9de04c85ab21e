#include "app/commands.hpp"

#include <tradingbot/tb_abi.h>

#define TB_STRINGIFY_(x) #x
#define TB_STRINGIFY(x) TB_STRINGIFY_(x)

namespace tb::host {

std::string_view version_string() noexcept {
  return TB_HOST_VERSION " (plugin ABI " TB_STRINGIFY(TB_ABI_MAJOR) "." TB_STRINGIFY(
      TB_ABI_MINOR) ")";
}

}  // namespace tb::host
