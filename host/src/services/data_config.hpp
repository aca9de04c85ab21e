#pragma once

#include "config/settings.hpp"
#include "services/data_service.hpp"

namespace tb::host {

// The validated YAML `data:` section as the DataService's configuration.
data_service_config make_data_service_config(const data_settings& settings);

}  // namespace tb::host
