#pragma once
// What a matched API route handler receives: the request, the path parameters and the parsed
// JSON body.
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "rest/rest_types.hpp"

namespace tb::fake_discord {

struct fake_context;

struct route_call {
  const rest_request& request;
  std::map<std::string, std::string> params;  // "{channel_id}" -> "1000..."
  nlohmann::json body;
  const std::string& param(const std::string& name) const { return params.at(name); }
};

using route_handler = std::function<rest_response(fake_context&, const route_call&)>;

}  // namespace tb::fake_discord
