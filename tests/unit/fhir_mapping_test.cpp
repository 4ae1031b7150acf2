#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "fhir/resources.hpp"
#include "fhir/search_params.hpp"

namespace relief {
namespace {

const Date kToday{2024, 3, 1};

std::vector<std::string> fields_of(const ValidationError& e) {
  std::vector<std::string> out;
  for (const auto& p : e.problems()) out.push_back(p.field);
  return out;
}

TEST(FhirPatient, ReadsTheMrnNameBirthDateAndGuardian) {
  auto p = fhir::patient_from_fhir(R"({"resourceType":"Patient",
    "identifier":[{"system":"https://relief.example.org/fhir/sid/mrn","value":"MRN-42"}],
    "name":[{"family":"Haddad","given":["Lina","Maya"]}],"gender":"female","birthDate":"2016-02-29",
    "contact":[{"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"GUARD"}],
      "text":"mother"}],"name":{"text":"Rana Haddad"},"telecom":[{"system":"phone","value":"555-0101"}]}],
    "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"ar"}]}}]})",
                                   kToday);
  EXPECT_EQ(p.mrn, "MRN-42");
  EXPECT_EQ(p.family, "Haddad");
  EXPECT_EQ(p.given, (std::vector<std::string>{"Lina", "Maya"}));
  EXPECT_EQ(format_date(p.birth_date), "2016-02-29");
  EXPECT_EQ(p.age_on(kToday).years, 8);
  EXPECT_EQ(p.preferred_language, "ar");
  ASSERT_EQ(p.contacts.size(), 1u);
  EXPECT_TRUE(p.contacts[0].legal_guardian);
  EXPECT_EQ(p.contacts[0].relationship, "mother");
  EXPECT_EQ(p.contacts[0].phone, "555-0101");
}

// The server adds nothing the client did not say: no language is recorded unless one was given.
TEST(FhirPatient, NoLanguageIsInventedWhenNoneWasGiven) {
  auto p = fhir::patient_from_fhir(R"({"resourceType":"Patient","identifier":[{"value":"MRN-43"}],
    "name":[{"family":"Okafor"}],"birthDate":"2015-06-15"})", kToday);
  EXPECT_EQ(p.preferred_language, "");
  EXPECT_FALSE(fhir::to_fhir(p, false).contains("communication"));
  p.preferred_language = "es";
  EXPECT_TRUE(fhir::to_fhir(p, false).contains("communication"));
}

TEST(FhirPatient, ABirthDateInTheFutureIsInvalid) {
  try {
    fhir::patient_from_fhir(R"({"resourceType":"Patient","identifier":[{"value":"M1"}],
      "name":[{"family":"X"}],"birthDate":"2024-03-02"})",
                            kToday);
    FAIL() << "accepted a future birth date";
  } catch (const ValidationError& e) {
    EXPECT_EQ(fields_of(e), (std::vector<std::string>{"birthDate"}));
  }
}

TEST(FhirPatient, ANameCannotHideControlCharactersOrReverseItsOwnDirection) {
  auto fields = [](const std::string& family) {
    try {
      fhir::patient_from_fhir(R"({"resourceType":"Patient","identifier":[{"value":"M1"}],"name":[{"family":")" + family +
                                  R"(","given":["Ana"]}],"birthDate":"2015-03-02"})",
                              kToday);
      return std::vector<std::string>{};
    } catch (const ValidationError& e) {
      return fields_of(e);
    }
  };
  // U+202E (right-to-left override) makes "Smith\u202Enosnhoj" display as another name.
  EXPECT_EQ(fields("Smith\\u202Enosnhoj"), (std::vector<std::string>{"name.family"}));
  // A control character is refused wherever it is (json_rules), with the element's full path.
  EXPECT_EQ(fields("Smith\\u0000"), (std::vector<std::string>{"name[0].family"}));
  EXPECT_EQ(fields(std::string(201, 'a')), (std::vector<std::string>{"name.family"}));
  EXPECT_TRUE(fields("Nguy\u1EC5n-O'Brien \u00C5berg").empty());  // real names pass: accents, hyphens, apostrophes
}

TEST(FhirPatient, MalformedJsonIsNotAValidationError) {
  EXPECT_THROW(fhir::patient_from_fhir("{\"resourceType\":", kToday), MalformedInput);
  EXPECT_THROW(fhir::patient_from_fhir("[1,2]", kToday), MalformedInput);
  EXPECT_THROW(fhir::patient_from_fhir(R"({"resourceType":"Observation"})", kToday), ValidationError);
}

TEST(FhirPatient, WrongTypesNameTheElement) {
  try {
    fhir::patient_from_fhir(R"({"resourceType":"Patient","identifier":[{"value":"M1"}],
      "name":[{"family":7}],"birthDate":"2015-13-01","gender":"boy"})",
                            kToday);
    FAIL();
  } catch (const ValidationError& e) {
    auto f = fields_of(e);
    EXPECT_NE(std::find(f.begin(), f.end(), "name[0].family"), f.end());
    EXPECT_NE(std::find(f.begin(), f.end(), "birthDate"), f.end());
    EXPECT_NE(std::find(f.begin(), f.end(), "gender"), f.end());
  }
}

TEST(FhirPatient, ADeathIsKeptAndChecked) {
  // A child on the palliative care service who died: the chart must say so, and when.
  auto p = fhir::patient_from_fhir(R"({"resourceType":"Patient","identifier":[{"value":"M1"}],"name":[{"family":"X"}],
      "birthDate":"2015-03-02","deceasedDateTime":"2024-02-20T04:10:00Z"})",
                                   kToday);
  EXPECT_TRUE(p.deceased);
  auto json = fhir::to_fhir(p, false);
  EXPECT_EQ(json.at("deceasedDateTime"), "2024-02-20T04:10:00Z");
  auto only_flag = fhir::patient_from_fhir(R"({"resourceType":"Patient","identifier":[{"value":"M1"}],"name":[{"family":"X"}],
      "birthDate":"2015-03-02","deceasedBoolean":true})",
                                           kToday);
  EXPECT_EQ(fhir::to_fhir(only_flag, false).at("deceasedBoolean"), true);
  auto refused = [](const std::string& identifiers, const std::string& extra) {
    try {
      fhir::patient_from_fhir(R"({"resourceType":"Patient","identifier":)" + identifiers + R"(,"name":[{"family":"X"}],
          "birthDate":"2015-03-02")" + extra + "}",
                              kToday);
      return std::vector<std::string>{};
    } catch (const ValidationError& e) {
      return fields_of(e);
    }
  };
  const std::string one_mrn = R"([{"value":"M1"}])";
  EXPECT_EQ(refused(one_mrn, R"(,"deceasedDateTime":"2014-01-01")"), (std::vector<std::string>{"deceasedDateTime"}));  // before birth
  EXPECT_EQ(refused(one_mrn, R"(,"deceasedDateTime":"yesterday")"), (std::vector<std::string>{"deceasedDateTime"}));
  // Two MRNs for one child: which is the hospital's? Neither is dropped silently.
  EXPECT_EQ(refused(R"([{"value":"M1"},{"value":"M2"}])", "").size(), 1u);
  EXPECT_TRUE(refused(R"([{"value":"M1"},{"system":"urn:oid:2.16.840.1.113883.4.1","value":"123-45-6789"}])", "").empty());
}

TEST(FhirPatient, RoundTripsThroughFhirJson) {
  Patient p;
  p.meta = RecordMeta{"abc", 3, "main", *parse_instant("2024-03-01T08:00:00Z"), "nurse"};
  p.mrn = "M7";
  p.family = "Silva";
  p.given = {"Tomas"};
  p.birth_date = {2019, 7, 4};
  p.sex = Sex::male;
  auto json = fhir::to_fhir(p, true);
  EXPECT_EQ(json.at("meta").at("versionId"), "3");
  EXPECT_EQ(json.at("meta").at("tag").at(0).at("code"), "HTEST");
  auto back = fhir::patient_from_fhir(boost::json::serialize(json), kToday);
  EXPECT_EQ(back.mrn, "M7");
  EXPECT_EQ(back.family, "Silva");
  EXPECT_EQ(back.sex, Sex::male);
  EXPECT_EQ(back.birth_date, p.birth_date);
}

TEST(FhirObservation, APainScoreWithValueInteger) {
  auto o = fhir::observation_from_fhir(R"({"resourceType":"Observation","status":"final",
    "code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},"subject":{"reference":"Patient/p1"},
    "effectiveDateTime":"2024-03-01T08:00:00Z","valueInteger":6,
    "extension":[{"url":"https://relief.example.org/fhir/StructureDefinition/reporter","valueCode":"parent"}]})",
                                       *parse_instant("2024-03-01T09:00:00Z"));
  EXPECT_EQ(o.patient_id, "p1");
  EXPECT_EQ(*o.value, 6);
  EXPECT_EQ(o.unit, "{score}");
  EXPECT_EQ(o.category, "survey");
  EXPECT_EQ(o.reporter, Reporter::parent);
  auto json = fhir::to_fhir(o, false);
  EXPECT_EQ(json.at("valueQuantity").at("value"), 6);  // an integer, not 6E0
}

TEST(FhirObservation, ElevenOnTheZeroToTenScaleIsInvalid) {
  try {
    fhir::observation_from_fhir(R"({"resourceType":"Observation","status":"final",
      "code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},"subject":{"reference":"Patient/p1"},
      "effectiveDateTime":"2024-03-01T08:00:00Z","valueQuantity":{"value":11}})",
                                *parse_instant("2024-03-01T09:00:00Z"));
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(fields_of(e), (std::vector<std::string>{"value[x]"}));
  }
}

TEST(FhirObservation, SubjectMustBeAPatient) {
  EXPECT_THROW(fhir::observation_from_fhir(R"({"resourceType":"Observation","status":"final",
      "code":{"coding":[{"code":"72514-3"}]},"subject":{"reference":"Group/g1"},
      "effectiveDateTime":"2024-03-01T08:00:00Z","valueInteger":2})",
                                           *parse_instant("2024-03-01T09:00:00Z")),
               ValidationError);
}

TEST(FhirReference, AcceptsRelativeReferencesAndAbsoluteOnesUnderThisServersBase) {
  const std::vector<std::string> ours{"https://relief.example.org/fhir"};
  EXPECT_EQ(fhir::reference_id("Patient/abc", "Patient"), "abc");
  EXPECT_EQ(fhir::reference_id("https://relief.example.org/fhir/Patient/abc", "Patient", ours), "abc");
  EXPECT_EQ(fhir::reference_id("HTTPS://Relief.Example.org/fhir/Patient/abc", "Patient", ours), "abc");
  EXPECT_EQ(fhir::reference_id("Practitioner/abc", "Patient"), "");
  EXPECT_EQ(fhir::reference_id("abc", "Patient"), "");
  EXPECT_EQ(fhir::reference_id("Patient/abc/_history/1", "Patient"), "");
}

TEST(FhirReference, AnotherServersPatientIsNeverOneOfOurs) {
  // references.html: an absolute URL names the resource at that server. Patient/abc at another
  // hospital is not our Patient/abc, however alike the ids.
  const std::vector<std::string> ours{"https://relief.example.org/fhir"};
  for (const char* ref : {"https://other-hospital.example.org/fhir/Patient/abc",
                          "https://relief.example.org.evil.example/fhir/Patient/abc",
                          "https://relief.example.org/fhirx/Patient/abc", "urn:uuid:abc"}) {
    auto found = fhir::local_reference(ref, "Patient", ours);
    EXPECT_TRUE(found.foreign) << ref;
    EXPECT_EQ(found.id, "") << ref;
  }
  // Without a base of our own, every absolute reference is another server's.
  EXPECT_TRUE(fhir::local_reference("https://relief.example.org/fhir/Patient/abc", "Patient", {}).foreign);
  EXPECT_THROW(fhir::observation_from_fhir(R"({"resourceType":"Observation","status":"final",
      "code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},
      "subject":{"reference":"https://other-hospital.example.org/fhir/Patient/abc"},
      "effectiveDateTime":"2024-03-01T08:00:00Z","valueInteger":2})",
                                           *parse_instant("2024-03-01T09:00:00Z"), ours),
               ValidationError);
}

TEST(FhirSearch, DatePrefixesNarrowAHalfOpenRange) {
  std::optional<Instant> from, to;
  ASSERT_TRUE(fhir::narrow_date_range("ge2024-03-01", from, to));
  ASSERT_TRUE(fhir::narrow_date_range("lt2024-03-05", from, to));
  EXPECT_EQ(format_instant(*from), "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(format_instant(*to), "2024-03-05T00:00:00.000Z");
  from.reset(), to.reset();
  ASSERT_TRUE(fhir::narrow_date_range("2024-03-01", from, to));  // eq: the whole day
  EXPECT_EQ(format_instant(*to), "2024-03-02T00:00:00.000Z");
  from.reset(), to.reset();
  ASSERT_TRUE(fhir::narrow_date_range("le2024-03-01", from, to));  // le a day includes all of it
  EXPECT_EQ(format_instant(*to), "2024-03-02T00:00:00.000Z");
  EXPECT_FALSE(fhir::narrow_date_range("ne2024-03-01", from, to));
  EXPECT_FALSE(fhir::narrow_date_range("yesterday", from, to));
}

TEST(FhirSearch, Tokens) {
  auto t = fhir::parse_token("http://loinc.org|72514-3");
  EXPECT_EQ(*t.system, "http://loinc.org");
  EXPECT_EQ(t.code, "72514-3");
  EXPECT_FALSE(fhir::parse_token("72514-3").system);
}

}  // namespace
}  // namespace relief
