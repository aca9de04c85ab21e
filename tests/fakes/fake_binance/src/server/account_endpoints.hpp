#pragma once
// Signed (TRADE / USER_DATA) and USER_STREAM routes, with their weights and auth checks.
#include <cstdint>
#include <memory>

#include "account/account_book.hpp"
#include "server/exchange_context.hpp"
#include "server/rest_types.hpp"

namespace tb::fake {

class account_endpoints {
 public:
  explicit account_endpoints(exchange_context& ctx) : ctx_(ctx), book_(ctx) {}

  bool matches(const rest_request& r, std::int64_t& weight) const;
  rest_response handle(const rest_request& r);
  account_book& book() { return book_; }

 private:
  exchange_context& ctx_;
  account_book book_;
};

}  // namespace tb::fake
