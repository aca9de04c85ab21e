#pragma once
// HMAC-SHA256 request signing as Binance checks it: over the raw query string followed directly
// by the raw body (no separator), with the `signature` parameter removed, compared as hex
// ignoring case.
#include <string>
#include <string_view>

namespace tb::fake {

// Lower-case hex of HMAC_SHA256(key = secret, msg = payload).
std::string hmac_sha256_hex(std::string_view secret, std::string_view payload);

// Removes the `signature=...` pair from a raw (still percent-encoded) parameter string and
// returns its value through `signature` (empty when absent).
std::string strip_signature(std::string_view raw, std::string& signature);

// The bytes a client signed: raw query + raw body, each without `signature`.
std::string signed_payload(std::string_view raw_query, std::string_view raw_body, std::string& signature);

bool signature_matches(std::string_view secret, std::string_view payload, std::string_view signature);

}  // namespace tb::fake
