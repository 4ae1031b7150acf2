#pragma once
// Who a request came from when it reaches Relief through the site's reverse proxy. Without
// this, every request behind the proxy carries the proxy's address: the audit trail names the
// proxy, and one ward's typos lock the whole hospital out of signing in (the per-address brake).
#include <optional>
#include <string>
#include <vector>

namespace relief::http {

// An IP address in the one spelling Relief compares and records ("::ffff:10.0.0.1" is
// "10.0.0.1"); nullopt when `text` is not an IP address.
std::optional<std::string> canonical_address(const std::string& text);

// `peer` is the connection's address. Only when it is one of `trusted_proxies` (canonical
// addresses) is X-Forwarded-For believed: each proxy appends the address it heard from, so the
// client is the right-most entry that is not itself a trusted proxy. A header that cannot be read
// leaves the peer: an address that is not one must never reach the audit trail.
std::string forwarded_client(const std::string& peer, const std::optional<std::string>& x_forwarded_for,
                             const std::vector<std::string>& trusted_proxies);

}  // namespace relief::http
