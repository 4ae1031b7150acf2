#include "http/forwarded_client.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/algorithm/string/trim.hpp>

namespace relief::http {

std::optional<std::string> canonical_address(const std::string& text) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(text, ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).to_string();
  return address.to_string();
}

std::string forwarded_client(const std::string& peer, const std::optional<std::string>& x_forwarded_for,
                             const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  auto hop = canonical_address(peer);
  if (!hop || !trusted(*hop) || !x_forwarded_for) return peer;
  std::vector<std::string> entries;
  std::string::size_type start = 0;
  while (start <= x_forwarded_for->size()) {
    auto end = x_forwarded_for->find(',', start);
    if (end == std::string::npos) end = x_forwarded_for->size();
    entries.push_back(boost::algorithm::trim_copy(x_forwarded_for->substr(start, end - start)));
    start = end + 1;
  }
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    auto address = canonical_address(*it);
    if (!address) return peer;
    if (!trusted(*address)) return *address;
  }
  return peer;  // every hop a proxy of ours: the request started at one of them
}

}  // namespace relief::http
