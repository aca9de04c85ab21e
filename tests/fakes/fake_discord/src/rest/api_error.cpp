#include "rest/api_error.hpp"

namespace tb::fake_discord {

rest_response api_error(int status, int code, const std::string& message) {
  return json_response(status, {{"message", message}, {"code", code}});
}

rest_response unauthorized() { return api_error(401, 0, "401: Unauthorized"); }

void form_errors::add(const std::vector<std::string>& path, const std::string& code, const std::string& message) {
  // Object keys only: Discord writes array indexes as string keys ("0"), never as arrays.
  nlohmann::json* node = &tree_;
  for (const auto& key : path) node = &(*node)[key];
  (*node)["_errors"].push_back({{"code", code}, {"message", message}});
}

rest_response form_errors::response() const {
  return json_response(400, {{"code", 50035}, {"message", "Invalid Form Body"}, {"errors", tree_}});
}

std::string max_length_message(std::size_t limit) { return "Must be " + std::to_string(limit) + " or fewer in length."; }

std::string length_range_message(std::size_t low, std::size_t high) {
  return "Must be between " + std::to_string(low) + " and " + std::to_string(high) + " in length.";
}

}  // namespace tb::fake_discord
