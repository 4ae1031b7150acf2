// GET /api/v1/audit[?patient=ID][&before=SEQ][&limit=N] for admins: who touched this patient's
// record, or (without a patient) anyone's.
#include <boost/json.hpp>
#include <charconv>

#include "core/errors.hpp"
#include "http/fhir_exchange.hpp"
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
    // Reading the audit trail is itself an access, one patient's or the whole site's (whose
    // entries name patients and what was done to their records): the entry says who read it
    // and with which filter, as its resource id ("patient=ID&limit=100", "before=812&limit=50"),
    // and belongs to the patient's history when one was named. Written before the answer leaves.
    std::string filter;
    if (q.patient_id) filter += "patient=" + *q.patient_id + "&";
    if (q.before_seq) filter += "before=" + std::to_string(*q.before_seq) + "&";
    filter += "limit=" + std::to_string(q.limit);
    audit_reads(ctx, "read-audit", "AuditLog", {{q.patient_id.value_or(""), filter}});
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
