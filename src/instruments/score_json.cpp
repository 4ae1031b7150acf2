#include "instruments/score_json.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "core/errors.hpp"
#include "instruments/json_text.hpp"
#include "instruments/score_range.hpp"

namespace relief::instruments {
namespace {

namespace json = boost::json;

std::optional<double> number_of(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double() && std::isfinite(v.get_double())) return v.get_double();
  return std::nullopt;
}

// Observational scales name items by their published category; "State of Arousal",
// "state of arousal" and "state_of_arousal" all mean the same item.
std::string item_key(std::string_view published) {
  std::string key;
  for (char c : published) {
    if (c == ' ' || c == '-') key += '_';
    else key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

json::value optional_number(const std::optional<double>& v) { return v ? json_number(*v) : json::value(nullptr); }

json::object band_json(const Band& b) {
  json::object o{{"label", b.label}, {"min", json_number(b.min)}, {"max", json_number(b.max)}};
  if (!b.action.empty()) o["action"] = b.action;
  return o;
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

ScoreRequest score_request_from_json(const json::value& v) {
  if (!v.is_object()) throw MalformedInput("the request must be a JSON object with \"answers\"");
  ScoreRequest req;
  auto& a = req.administration;
  std::vector<Problem> problems;
  const auto& o = v.get_object();
  if (!o.contains("answers")) problems.push_back({"answers", "\"answers\" is required: an object of item id -> response"});
  for (const auto& [key, value] : o) {
    const std::string k(key);
    if (k == "answers") {
      if (!value.is_object()) {
        problems.push_back({"answers", "must be an object of item id -> response"});
        continue;
      }
      std::map<std::string, std::string> named_as;  // item -> the name it was first given under
      for (const auto& [item, answer] : value.get_object()) {
        // "State of Arousal" and "state_of_arousal" are one item: two answers to it would
        // leave the score to whichever came last.
        const std::string key = item_key(item);
        if (auto [first, fresh] = named_as.emplace(key, std::string(item)); !fresh) {
          problems.push_back({"answers." + std::string(item),
                              "answers the same item as \"" + first->second + "\"; give one answer per item"});
          continue;
        }
        if (answer.is_null()) continue;  // explicitly not answered
        if (auto n = number_of(answer)) a.answers[key] = {n, ""};
        else if (answer.is_string()) a.answers[key] = {std::nullopt, std::string(answer.get_string())};
        else problems.push_back({"answers." + std::string(item), "a response is a number, a response code, or null"});
      }
    } else if (k == "age_months") {
      auto n = number_of(value);
      if (!n || *n != std::floor(*n) || *n < 0 || *n > 12 * 130) problems.push_back({k, "completed months: a whole number from 0"});
      else a.age_months = static_cast<int>(*n);
    } else if (k == "reporter") {
      auto r = value.is_string() ? reporter_from_string(value.get_string()) : std::nullopt;
      if (!r || *r == Reporter::other) problems.push_back({k, "self, parent or clinician"});
      else a.reporter = r;
    } else if (k == "gestational_age_weeks") {
      auto n = number_of(value);
      if (!n || *n < 20 || *n > 60) problems.push_back({k, "corrected gestational age in weeks (20 to 60)"});
      else a.context[k] = *n;
    } else if (k == "context") {
      if (!value.is_object()) problems.push_back({k, "an object of name -> number"});
      else
        for (const auto& [name, cv] : value.get_object()) {
          if (auto n = number_of(cv)) a.context[std::string(name)] = *n;
          else problems.push_back({"context." + std::string(name), "must be a number"});
        }
    } else if (k == "individual_descriptors") {
      if (!value.is_object()) {
        problems.push_back({k, "an object of category -> list of the child's own behaviours"});
        continue;
      }
      for (const auto& [category, list] : value.get_object()) {
        std::vector<std::string> descriptors;
        bool ok = list.is_array();
        if (ok)
          for (const auto& d : list.get_array()) {
            if (!d.is_string() || d.get_string().empty()) ok = false;
            else descriptors.emplace_back(d.get_string());
          }
        if (!ok) problems.push_back({"individual_descriptors." + std::string(category), "a list of non-empty texts"});
        else a.individual_descriptors[std::string(category)] = std::move(descriptors);
      }
    } else if (k == "baseline") {
      if (!value.is_object()) problems.push_back({k, "an object of scale id -> the patient's baseline score"});
      else
        for (const auto& [scale, bv] : value.get_object()) {
          if (auto n = number_of(bv)) req.baseline[std::string(scale)] = *n;
          else problems.push_back({"baseline." + std::string(scale), "must be a number"});
        }
    } else {
      problems.push_back({k, "unknown field (answers, age_months, reporter, gestational_age_weeks, context, "
                             "individual_descriptors, baseline)"});
    }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return req;
}

json::object score_with_change(const Definition& d, const ScoreRequest& request) {
  std::vector<Problem> problems;
  for (const auto& [scale, baseline] : request.baseline) {
    if (!d.find_scale(scale)) {
      problems.push_back({"baseline." + scale, d.name + " has no scale '" + scale + "'"});
    } else if (auto range = score_range(d, scale); range && (baseline < range->min || baseline > range->max)) {
      problems.push_back({"baseline." + scale, "outside the scale's range, " + number_text(range->min) + " to " +
                                                   number_text(range->max)});
    }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  auto result = score(d, request.administration);
  auto out = to_json(result);
  if (!request.baseline.empty()) {
    json::array changes;
    for (const auto& [scale, baseline] : request.baseline) {
      const auto* current = result.scale(scale);
      if (!current || !current->value) continue;  // nothing to compare: the scale was not scored this time
      changes.push_back(to_json(assess_change(d, scale, baseline, *current->value, request.administration.reporter)));
    }
    out["change"] = std::move(changes);
  }
  return out;
}

json::object to_json(const ScoreResult& r) {
  json::object out;
  out["instrument"] = r.instrument;
  out["version"] = r.version;
  out["name"] = r.name;
  const ScaleScore& total = r.total();
  out["total"] = optional_number(total.value);
  out["band"] = total.band ? json::value(band_json(*total.band)) : json::value(nullptr);
  json::object missing{{"rule", total.missing.rule},
                       {"decision", total.missing.decision},
                       {"items", total.missing.items},
                       {"answered", total.missing.answered},
                       {"missing", strings(total.missing.missing)}};
  if (!total.missing.reason.empty()) missing["reason"] = total.missing.reason;
  out["missing_data"] = std::move(missing);
  json::object subscales;
  for (const auto& s : r.scales) {
    if (s.id == r.primary) continue;
    json::object o{{"name", s.name}, {"value", optional_number(s.value)}, {"decision", s.missing.decision}};
    if (s.band) o["band"] = band_json(*s.band);
    if (!s.missing.missing.empty()) o["missing"] = strings(s.missing.missing);
    if (!s.missing.reason.empty()) o["reason"] = s.missing.reason;
    if (s.missing.decision != "complete") o["rule"] = s.missing.rule;
    if (!s.notes.empty()) o["notes"] = strings(s.notes);
    subscales[s.id] = std::move(o);
  }
  out["subscales"] = std::move(subscales);
  if (total.raw && total.value && *total.raw != *total.value) out["raw"] = json_number(*total.raw);
  if (total.range) out["range"] = json::array{json_number(total.range->min), json_number(total.range->max)};
  if (!total.notes.empty()) out["notes"] = strings(total.notes);
  json::array flags;
  for (const auto& f : r.flags) flags.push_back(json::object{{"id", f.id}, {"scale", f.scale}, {"label", f.label}, {"source", f.source}});
  out["flags"] = std::move(flags);
  json::object settings;
  for (const auto& [k, v] : r.settings) settings[k] = v;
  out["settings"] = std::move(settings);
  json::object items;
  for (const auto& i : r.items) items[i.item] = json::object{{"response", i.code}, {"score", optional_number(i.score)}};
  out["items"] = std::move(items);
  if (!r.individual_descriptors.empty()) {
    json::object d;
    for (const auto& [k, v] : r.individual_descriptors) d[k] = strings(v);
    out["individual_descriptors"] = std::move(d);
  }
  out["warnings"] = strings(r.warnings);
  json::array unverified;
  for (const auto& v : r.verification)
    unverified.push_back(json::object{{"path", v.path}, {"status", v.status}, {"note", v.note}});
  out["unverified"] = std::move(unverified);
  return out;
}

json::object to_json(const ChangeAssessment& c) {
  json::object o{{"scale", c.scale},
                 {"baseline", json_number(c.baseline)},
                 {"current", json_number(c.current)},
                 {"difference", json_number(c.difference)},
                 {"percent", optional_number(c.percent)},
                 {"direction", c.improved ? "improved" : c.worsened ? "worsened" : "unchanged"},
                 {"mcid_points", optional_number(c.mcid_points)},
                 {"mcid_percent", optional_number(c.mcid_percent)},
                 {"mcid_reached", c.mcid_reached},
                 {"rci", optional_number(c.rci)},
                 {"reliable_change", c.reliable},
                 {"band_improved", c.band_improved},
                 {"responder", c.responder},
                 {"explanation", c.explanation}};
  if (!c.source.empty()) o["source"] = c.source;
  return o;
}

json::object to_json(const Recommendation& r) {
  return {{"instrument", r.instrument.empty() ? json::value(nullptr) : json::value(r.instrument)},
          {"alternatives", strings(r.alternatives)},
          {"rule", r.rule},
          {"reason", r.reason},
          {"source", r.source}};
}

json::object definition_summary(const Definition& d) {
  json::array reporters;
  for (auto r : d.reporters) reporters.emplace_back(std::string(reporter_code(r)));
  json::object o{{"id", d.id}, {"version", d.version}, {"name", d.name}, {"kind", d.kind}, {"reporters", reporters}};
  json::object age;
  if (d.age.min_months) age["min_months"] = *d.age.min_months;
  if (d.age.max_months) age["max_months"] = *d.age.max_months;
  if (!d.age.by_reporter.empty()) {
    json::object by;
    for (const auto& [reporter, limits] : d.age.by_reporter) {
      json::object one;
      if (limits.min_months) one["min_months"] = *limits.min_months;
      if (limits.max_months) one["max_months"] = *limits.max_months;
      by[reporter_code(reporter)] = std::move(one);
    }
    age["by_reporter"] = std::move(by);
  }
  o["age_range"] = std::move(age);
  if (auto r = score_range(d, d.primary)) o["range"] = json::array{json_number(r->min), json_number(r->max)};
  else o["range"] = nullptr;
  o["licence"] = d.licence.status;
  o["text_shipped"] = d.licence.text_shipped;
  o["unverified_facts"] = d.verification.size();
  return o;
}

json::object definition_detail(const Definition& d) {
  json::object o = definition_summary(d);
  json::array items;
  for (const auto& item : d.items) {
    const auto& set = d.responses_of(item);
    json::object io{{"id", item.id}};
    if (set.whole_number_range()) {
      io["whole_numbers"] = json::array{*set.whole_min, *set.whole_max};
    } else {
      json::array responses;
      for (const auto& opt : set.options) responses.emplace_back(opt.code);
      io["responses"] = std::move(responses);
    }
    if (item.reverse) io["reverse"] = true;
    if (!item.text.empty()) io["text"] = item.text;
    items.push_back(std::move(io));
  }
  o["items"] = std::move(items);
  json::array scales;
  for (const auto& s : d.scales) {
    json::object so{{"id", s.id}, {"name", s.name}, {"method", to_string(s.method)}};
    if (auto r = score_range(d, s.id)) so["range"] = json::array{json_number(r->min), json_number(r->max)};
    auto rule = d.missing_rules.find(s.missing_rule);
    if (rule != d.missing_rules.end()) {
      so["missing_rule"] = rule->second.describe();
    } else if (!s.of_scales.empty()) {
      // Built from other scales (a T-score looked up from the raw score): their rules decide,
      // and "every item must be answered" here would make a form demand what scoring does not.
      std::string from;
      for (const auto& part : s.of_scales) from += (from.empty() ? "" : ", ") + part;
      so["missing_rule"] = "scored when " + from + (s.of_scales.size() == 1 ? " is" : " are") + " scored";
    } else {
      so["missing_rule"] = MissingRule{}.describe();
    }
    if (auto b = d.bands.find(s.id); b != d.bands.end()) {
      json::array bands;
      for (const auto& band : b->second) bands.push_back(band_json(band));
      so["bands"] = std::move(bands);
    }
    if (auto c = d.codes.find(s.id); c != d.codes.end()) {
      json::array codes;
      for (const auto& code : c->second) {
        json::object co{{"system", code.system}, {"code", code.code}, {"display", code.display}};
        if (!code.verification.empty()) co["verification"] = code.verification;
        codes.push_back(std::move(co));
      }
      so["codes"] = std::move(codes);
    }
    scales.push_back(std::move(so));
  }
  o["scales"] = std::move(scales);
  json::array settings;
  for (const auto& s : d.settings) {
    json::array options;
    for (const auto& opt : s.options)
      options.push_back(json::object{{"name", opt.name}, {"description", opt.description}, {"source", opt.source}});
    auto chosen = d.chosen_settings.find(s.key);
    settings.push_back(json::object{{"key", s.key},
                                    {"description", s.description},
                                    {"default", s.default_option},
                                    {"chosen", chosen != d.chosen_settings.end() ? chosen->second : s.default_option},
                                    {"options", std::move(options)}});
  }
  o["settings"] = std::move(settings);
  o["licence"] = json::object{{"status", d.licence.status}, {"holder", d.licence.holder},
                              {"text_shipped", d.licence.text_shipped}, {"notes", d.licence.notes}};
  o["citations"] = strings(d.citations);
  json::array ver;
  for (const auto& v : d.verification) ver.push_back(json::object{{"path", v.path}, {"status", v.status}, {"note", v.note}});
  o["verification"] = std::move(ver);
  return o;
}

}  // namespace relief::instruments
