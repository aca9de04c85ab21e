#include "account/auth.hpp"

#include <algorithm>
#include <cctype>

#include "account/signature.hpp"

namespace tb::fake {
namespace {

rest_response missing(const std::string& name) {
  return error_response(400, -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
}

std::optional<std::int64_t> to_int(const std::string& s) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(s);
}

}  // namespace

std::optional<rest_response> check_api_key(const exchange_context& ctx, const rest_request& r) {
  const bool well_formed = !r.api_key.empty() && r.api_key.size() <= 128 &&
                           std::all_of(r.api_key.begin(), r.api_key.end(),
                                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
  if (!r.has_api_key || !well_formed) return error_response(401, -2014, "API-key format invalid.");
  if (r.api_key != ctx.options.api_key)
    return error_response(401, -2015, "Invalid API-key, IP, or permissions for action.");
  return std::nullopt;
}

std::optional<rest_response> check_signed(const exchange_context& ctx, const rest_request& r) {
  if (auto e = check_api_key(ctx, r)) return e;
  std::string signature;
  const std::string payload = signed_payload(r.p.raw_query(), r.p.raw_body(), signature);
  if (signature.empty()) return missing("signature");
  if (!signature_matches(ctx.options.api_secret, payload, signature))
    return error_response(400, -1022, "Signature for this request is not valid.");
  const auto ts_text = r.p.get("timestamp");
  const auto ts = ts_text ? to_int(*ts_text) : std::nullopt;
  if (!ts) return missing("timestamp");
  std::int64_t window = 5000;
  if (const auto w = r.p.get("recvWindow")) {
    const auto v = to_int(*w);
    if (!v || *v <= 0) return error_response(400, -1130, "Data sent for parameter 'recvWindow' is not valid.");
    window = *v;
  }
  const std::int64_t now = ctx.clock.api_ms();
  if (*ts >= now + 1000)
    return error_response(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (now - *ts > window)
    return error_response(400, -1021, "Timestamp for this request is outside of the recvWindow.");
  return std::nullopt;
}

}  // namespace tb::fake
