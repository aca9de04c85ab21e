#include "services/order_gateway.hpp"

namespace tb::host {

std::string exchange_status::describe() const {
  std::string text = tb_status_name(code);
  if (remote_code != 0) text += " (remote " + std::to_string(remote_code) + ")";
  if (!message.empty()) text += ": " + message;
  return text;
}

}  // namespace tb::host
