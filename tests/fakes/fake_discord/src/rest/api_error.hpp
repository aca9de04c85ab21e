#pragma once
// Discord's JSON error bodies: {"message","code"} and the 50035 "Invalid Form Body" tree whose
// leaves are {"_errors":[{"code","message"}]}.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rest/rest_types.hpp"

namespace tb::fake_discord {

rest_response api_error(int status, int code, const std::string& message);
rest_response unauthorized();  // 401 {"message":"401: Unauthorized","code":0}

// Collects per-field errors; paths are keys from the body root, e.g. {"embeds","0","title"}.
class form_errors {
 public:
  void add(const std::vector<std::string>& path, const std::string& code, const std::string& message);
  bool empty() const { return tree_.is_null(); }
  const nlohmann::json& tree() const { return tree_; }
  // 400 {"code":50035,"message":"Invalid Form Body","errors":{...}}
  rest_response response() const;

 private:
  nlohmann::json tree_;
};

std::string max_length_message(std::size_t limit);  // "Must be N or fewer in length."
std::string length_range_message(std::size_t low, std::size_t high);

}  // namespace tb::fake_discord
