#include <boost/asio/ip/address.hpp>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {

namespace {
constexpr std::size_t min_token_length = 16;
}

void read_api(reader& r, const field& f, api_settings& out) {
  map_reader section(r, f);
  section.allow_only({"enabled", "bind", "port", "token"});
  if (auto v = section.get("enabled")) read_bool(r, *v, out.enabled);
  if (auto v = section.get("bind")) {
    if (auto s = r.get_scalar(*v, "an IP address such as 127.0.0.1")) {
      boost::system::error_code ec;
      boost::asio::ip::make_address(s->text, ec);
      if (ec) {
        r.error(s->mark, v->path + ": expected an IP address such as 127.0.0.1, got " + s->shown());
      } else {
        out.bind = s->text;
      }
    }
  }
  if (auto v = section.get("port")) read_integer<std::uint16_t>(r, *v, 0, 65535, out.port);
  std::optional<YAML::Mark> token_mark;
  if (auto v = section.get("token")) {
    if (auto s = r.get_scalar(*v, "a bearer token, such as ${TB_API_TOKEN}")) {
      token_mark = s->mark;
      if (s->text.size() < min_token_length) {
        // Never quote the value: it is a secret even when written in the file.
        r.error(s->mark, v->path + ": the token must be at least " +
                             std::to_string(min_token_length) + " characters long");
      } else {
        out.token = s->text;
        if (!s->from_env) {
          r.warning(s->mark, v->path + ": the token is written in the file; keep it out of "
                                       "files as ${TB_API_TOKEN}");
        }
      }
    }
  }
  if (out.enabled && out.token.empty() && !token_mark) {
    r.error(section.mark(), f.path + ": an enabled API needs a `token` (write it as "
                                     "${TB_API_TOKEN} and set that variable)");
  }
}

}  // namespace tb::host::config_internal
