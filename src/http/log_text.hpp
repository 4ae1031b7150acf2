#pragma once
// Text from a request as the request log may print it: one line, nothing a terminal acts on.
#include <string>
#include <string_view>

namespace relief::http {

// Control characters (line breaks, escape sequences, NUL, DEL) and backslashes are written as
// \xNN, so a path like /x%0a[...] POST /api/v1/users/admin/disable 200 cannot forge a log line.
std::string loggable(std::string_view text);

}  // namespace relief::http
