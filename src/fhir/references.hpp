#pragma once
// What a FHIR Reference.reference names, read against this server's own base URLs. R4
// (references.html): a relative reference "Patient/123" is resolved against the server that holds
// the resource; an absolute URL names the resource at the server it addresses. Only this server's
// own base may be read as local: "https://other-hospital/fhir/Patient/123" is someone else's
// patient 123, and reading it as ours would file a finding in the wrong child's chart.
#include <string>
#include <string_view>
#include <vector>

namespace relief::fhir {

struct LocalReference {
  std::string id;        // the id when the reference names a resource of the type asked for, held here
  bool foreign = false;  // an absolute URL or URN not under one of this server's bases
};

// `local_bases`: this server's FHIR base URLs without a trailing slash ("https://relief.example/fhir").
// Accepted: "Type/id" and "<local base>/Type/id", with an id of R4's form ([A-Za-z0-9-.]{1,64}).
LocalReference local_reference(std::string_view reference, std::string_view type,
                               const std::vector<std::string>& local_bases);

// The id part of local_reference: "" for a reference to another type, another server, or not
// of the "Type/id" form.
std::string reference_id(std::string_view reference, std::string_view type,
                         const std::vector<std::string>& local_bases = {});

}  // namespace relief::fhir
