// GET /api/v1/audit?patient=ID[&before=SEQ][&limit=N] for admins: who touched this patient's record.
#include <boost/json.hpp>
#include <charconv>

#include "core/errors.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace relief::http {
namespace {

std::optional<std::int64_t> number_param(const Request& req, const std::string& name) {
  auto v = req.query_param(name);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || ptr != v->data() + v->size() || n < 1)
    throw ValidationError(name, "must be a positive whole number");
  return n;
}

}  // namespace

void add_audit_routes(Router& router) {
  router.add("GET", "/api/v1/audit", Access::signed_in, Permission::read_audit, [](Context& ctx) {
    AuditQuery q;
    q.patient_id = ctx.request.query_param("patient");
    q.before_seq = number_param(ctx.request, "before");
    q.limit = static_cast<int>(std::min<std::int64_t>(number_param(ctx.request, "limit").value_or(100), 1000));
    std::vector<AuditEntry> entries;
    ctx.store.read([&](Reader& r) { entries = r.audit(q); });
    // Reading the audit trail is itself an access to the patient's record.
    if (q.patient_id)
      ctx.store.write(ctx.actor(), [&](Transaction& tx) {
        tx.append_audit(AuditEntry{0, {}, "", "", *q.patient_id, "read-audit", "AuditLog", *q.patient_id, "", "ok"});
      });
    boost::json::array list;
    for (const auto& e : entries)
      list.emplace_back(boost::json::object{{"seq", e.seq},
                                            {"at", format_instant(e.at)},
                                            {"username", e.username},
                                            {"role", e.role},
                                            {"patient", e.patient_id},
                                            {"action", e.action},
                                            {"resourceType", e.resource_type},
                                            {"resourceId", e.resource_id},
                                            {"client", e.client},
                                            {"outcome", e.outcome}});
    boost::json::object body{{"entries", std::move(list)}};
    if (!entries.empty() && static_cast<int>(entries.size()) == q.limit) body["next_before"] = entries.back().seq;
    return json_response(200, body);
  });
}

}  // namespace relief::http
