// Indicator parameters as given on the command line (key=value text), read with the types and
// defaults of the reference library. Every read records the key, so that a key no indicator
// read can be reported as unknown. Errors are std::invalid_argument naming the parameter.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace tb::ictsmc {

class params {
 public:
  params() = default;
  explicit params(std::map<std::string, std::string> values) : values_(std::move(values)) {}

  // Whole number in [min, max]; "5".
  int integer(const std::string& key, int fallback, int min, int max);
  // Finite number in [min, max]; "0.01".
  double number(const std::string& key, double fallback, double min, double max);
  // Python-style booleans: true/false, True/False, 1/0.
  bool boolean(const std::string& key, bool fallback);
  std::string text(const std::string& key, const std::string& fallback);

  // Keys given but never read, in order.
  std::vector<std::string> unread() const;

 private:
  const std::string* find(const std::string& key);

  std::map<std::string, std::string> values_;
  std::set<std::string> read_;
};

}  // namespace tb::ictsmc
