// Reads text a host function copies into a caller-owned buffer, growing the buffer while the
// host answers TB_E_BUFFER_TOO_SMALL with the size it needs (the ABI's output convention).
#pragma once

#include <cstddef>
#include <string>

#include "tradingbot/sdk/error.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

// `copy(buf, capacity, &length)` returns a tb_status. The text on TB_OK; any other status
// is thrown as tb::sdk::error with `what` and `describe(status)` in the message.
template <class Copy, class Describe>
std::string read_sized_text(Copy&& copy, const std::string& what, Describe&& describe) {
  std::string text(1024, '\0');
  for (int round = 0; round < 8; ++round) {
    std::size_t length = 0;
    const tb_status status = copy(text.data(), text.size(), &length);
    if (status == TB_OK) {
      text.resize(length < text.size() ? length : text.size());
      // Hosts may count a terminating NUL in the length; the text never contains one.
      while (!text.empty() && text.back() == '\0') text.pop_back();
      return text;
    }
    if (status != TB_E_BUFFER_TOO_SMALL) throw ::tb::sdk::error(status, what + ": " + describe(status));
    // +1: room for a NUL, whether or not the host counts it.
    text.resize((length > text.size() ? length : text.size() * 2) + 1);
  }
  throw ::tb::sdk::error(TB_E_INTERNAL, what + ": the host kept answering TB_E_BUFFER_TOO_SMALL");
}

}  // namespace tb::sdk::detail
