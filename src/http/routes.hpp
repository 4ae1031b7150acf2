#pragma once
// Each file under http/ that serves a group of endpoints registers them here.
#include "http/auth_service.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace relief::instruments {
struct SiteInstruments;
}
namespace relief::acute {
struct AcuteSettings;
}

namespace relief::http {

void add_auth_routes(Router& router, AuthService& auth);
void add_account_routes(Router& router, AuthService& auth);  // /api/v1/users..., /auth/password
// Patient, Practitioner, Observation: CRUD + history. A charted score also runs the acute pain
// service's monitoring rules.
void add_fhir_routes(Router& router, const acute::AcuteSettings& acute);
void add_fhir_search_routes(Router& router);    // searches answering Bundles
void add_audit_routes(Router& router);
void add_chart_routes(Router& router);  // /api/v1/patients/{id}/summary and /timeline
void add_instrument_routes(Router& router, const instruments::SiteInstruments& site, const acute::AcuteSettings& acute);
void add_schedule_routes(Router& router);
// /fhir/Encounter: the acute service's consults and the visits and sessions Relief records.
void add_encounter_routes(Router& router);
void add_acute_routes(Router& router, const acute::AcuteSettings& settings);  // /api/v1/acute/...  // /api/v1/schedule/{solve,validate,repair,demo}
void add_system_routes(Router& router, Metrics& metrics);  // /healthz, /metrics, /fhir/metadata, /api/v1/site

}  // namespace relief::http
