// Helpers for the candle file tests: the error a parse throws, with its text and place.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "candle_files/candle_file.hpp"

namespace tb::candle_files::test {

struct caught_error {
  std::string message;
  std::size_t line = 0;
  std::size_t column = 0;
};

// The candle_file_error `parse` throws; a test failure (and an empty message) if none.
inline caught_error error_of(const std::function<void()>& parse) {
  try {
    parse();
  } catch (const candle_file_error& error) {
    return {error.what(), error.line(), error.column()};
  }
  ADD_FAILURE() << "expected a candle_file_error";
  return {};
}

inline caught_error csv_error(const std::string& text, const std::string& source = "candles.csv") {
  return error_of([&] { parse_candle_csv(text, source); });
}

inline caught_error json_error(const std::string& text) {
  return error_of([&] { parse_candle_json(text, "candles.json"); });
}

}  // namespace tb::candle_files::test
