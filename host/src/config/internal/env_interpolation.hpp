// ${NAME} substitution in one scalar. "$${" stands for a literal "${".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/load_settings.hpp"

namespace tb::host::config_internal {

struct interpolated {
  std::string text;                    // the scalar with every ${NAME} replaced
  std::vector<std::string> variables;  // names substituted, in order of appearance
  std::vector<std::string> values;     // their values: secrets, never to be printed
  std::vector<std::string> empty;      // names that are set but empty
  // Problems (unset variable, bad name, unterminated "${"). They quote the scalar as
  // written, never a substituted value.
  std::vector<std::string> errors;

  bool from_env() const { return !variables.empty(); }
};

interpolated interpolate(std::string_view raw, const env_lookup& env);

}  // namespace tb::host::config_internal
