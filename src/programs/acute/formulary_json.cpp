// Reading the formulary files. A wrong limit is a clinical error waiting to happen, so loading
// refuses the whole formulary and lists every problem with its file and JSON path; nothing is
// silently skipped or defaulted.
#include <boost/json.hpp>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.hpp"
#include "programs/acute/formulary.hpp"

namespace relief::acute {
namespace {

namespace json = boost::json;

// Walks the JSON remembering where it is; problems are collected, not thrown, so one load
// reports everything wrong with a file.
struct Reader {
  const json::value& v;
  std::string path;
  std::string origin;
  std::vector<Problem>& problems;

  void fail(const std::string& message) const { problems.push_back({origin + ":" + (path.empty() ? "/" : path), message}); }
  Reader at(std::string_view key) const {
    static const json::value null;
    const json::value* child = &null;
    if (v.is_object())
      if (auto found = v.get_object().find(key); found != v.get_object().end()) child = &found->value();
    return Reader{*child, path + "/" + std::string(key), origin, problems};
  }
  Reader at(std::size_t i) const { return Reader{v.get_array()[i], path + "/" + std::to_string(i), origin, problems}; }
  bool present() const { return !v.is_null(); }
  bool object() const {
    if (v.is_object()) return true;
    fail("must be an object");
    return false;
  }
  std::size_t size() const { return v.is_array() ? v.get_array().size() : 0; }
  bool array() const {
    if (v.is_array()) return true;
    fail("must be a list");
    return false;
  }
  std::string text(bool required = true) const {
    if (v.is_string() && !v.get_string().empty()) return std::string(v.get_string());
    if (v.is_null() && !required) return "";
    fail(v.is_null() ? "is required" : "must be a non-empty string");
    return "";
  }
  std::optional<double> number(bool required = true) const {
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    if (v.is_double() && std::isfinite(v.get_double())) return v.get_double();
    if (v.is_null() && !required) return std::nullopt;
    fail(v.is_null() ? "is required" : "must be a number");
    return std::nullopt;
  }
  std::optional<bool> boolean() const {
    if (v.is_bool()) return v.get_bool();
    if (!v.is_null()) fail("must be true or false");
    return std::nullopt;
  }
  // A misspelt key ("max_age_month") must not silently widen a limit.
  void only(std::initializer_list<std::string_view> keys) const {
    if (!v.is_object()) return;
    for (const auto& [key, value] : v.get_object())
      if (std::find(keys.begin(), keys.end(), std::string_view(key)) == keys.end())
        at(key).fail("unknown key '" + std::string(key) + "'");
  }
};

std::vector<Route> parse_routes(const Reader& r) {
  std::vector<Route> out;
  if (!r.present() || !r.array()) return out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    auto name = r.at(i).text();
    if (auto route = route_from_string(name)) out.push_back(*route);
    else if (!name.empty()) r.at(i).fail("unknown route '" + name + "'");
  }
  return out;
}

Evidence parse_evidence(const Reader& r) {
  auto s = r.text();
  if (s == "V") return Evidence::V;
  if (s == "P") return Evidence::P;
  if (s == "M") return Evidence::M;
  if (s == "derived") return Evidence::derived;
  if (!s.empty()) r.fail("must be V, P, M or derived (shared/reference/clinical.md's confidence tags)");
  return Evidence::M;
}

Applicability parse_when(const Reader& r) {
  Applicability w;
  if (!r.present() || !r.object()) return w;
  r.only({"min_age_months", "max_age_months", "min_pma_weeks", "max_pma_weeks", "min_weight_kg", "max_weight_kg",
          "routes", "with_adrenaline", "site_choice"});
  w.min_age_months = r.at("min_age_months").number(false);
  w.max_age_months = r.at("max_age_months").number(false);
  w.min_pma_weeks = r.at("min_pma_weeks").number(false);
  w.max_pma_weeks = r.at("max_pma_weeks").number(false);
  w.min_weight_kg = r.at("min_weight_kg").number(false);
  w.max_weight_kg = r.at("max_weight_kg").number(false);
  auto ordered = [&](const std::optional<double>& lo, const std::optional<double>& hi, const char* key) {
    if (lo && hi && *lo >= *hi) r.at(key).fail("must be above the minimum (bounds are [min, max))");
    if (lo && *lo < 0) r.fail("bounds cannot be negative");
  };
  ordered(w.min_age_months, w.max_age_months, "max_age_months");
  ordered(w.min_pma_weeks, w.max_pma_weeks, "max_pma_weeks");
  ordered(w.min_weight_kg, w.max_weight_kg, "max_weight_kg");
  w.routes = parse_routes(r.at("routes"));
  w.with_adrenaline = r.at("with_adrenaline").boolean();
  if (auto sc = r.at("site_choice"); sc.present() && sc.object())
    for (const auto& [setting, option] : sc.v.get_object()) w.site_choice[std::string(setting)] = sc.at(setting).text();
  return w;
}

void check_choices(const Reader& r, const Applicability& w, const DrugEntry& d) {
  for (const auto& [setting, option] : w.site_choice) {
    auto c = d.choices.find(setting);
    if (c == d.choices.end()) r.fail("names site choice '" + setting + "', which " + d.id + " does not declare");
    else if (!c->second.options.contains(option)) r.fail("names option '" + option + "', which '" + setting + "' does not offer");
  }
}

Limit parse_limit(const Reader& r, const DrugEntry& d) {
  Limit l;
  l.drug = d.id;
  l.origin = r.origin;
  if (!r.object()) return l;
  r.only({"id", "measure", "strength", "value", "unit", "when", "source", "evidence", "pharmacy_confirmed", "note"});
  l.id = r.at("id").text();
  auto measure_name = r.at("measure").text();
  if (auto m = measure_from_string(measure_name)) l.measure = *m;
  else if (!measure_name.empty()) r.at("measure").fail("unknown measure '" + measure_name + "'");
  auto strength = r.at("strength").text();
  if (strength == "hard") l.strength = Strength::hard;
  else if (strength == "soft") l.strength = Strength::soft;
  else if (!strength.empty()) r.at("strength").fail("must be 'hard' (refuse) or 'soft' (warn, override with a reason)");
  if (l.measure == Measure::caution) {
    if (r.at("value").present()) r.at("value").fail("a caution has no value");
    l.note = r.at("note").text();
  } else {
    if (auto v = r.at("value").number()) {
      l.value = *v;
      if (!(l.value > 0) && !is_minimum(l.measure)) r.at("value").fail("must be greater than zero");
      if (l.value < 0) r.at("value").fail("cannot be negative");
    }
    l.unit = r.at("unit").text();
    if (!l.unit.empty() && l.unit != canonical_unit(l.measure))
      r.at("unit").fail("must be '" + canonical_unit(l.measure) + "' for " + measure_name);
    l.note = r.at("note").text(false);
  }
  l.when = parse_when(r.at("when"));
  check_choices(r.at("when"), l.when, d);
  l.source = r.at("source").text();
  l.evidence = parse_evidence(r.at("evidence"));
  if (l.evidence == Evidence::derived && l.note.empty()) r.at("note").fail("a derived value needs a note saying how it was derived");
  l.pharmacy_confirmed = r.at("pharmacy_confirmed").boolean().value_or(false);
  return l;
}

Reduction parse_reduction(const Reader& r, const DrugEntry& d) {
  Reduction red;
  if (!r.object()) return red;
  r.only({"id", "measures", "percent", "when", "source", "evidence", "pharmacy_confirmed", "note"});
  red.id = r.at("id").text();
  auto ms = r.at("measures");
  if (ms.array())
    for (std::size_t i = 0; i < ms.size(); ++i) {
      auto name = ms.at(i).text();
      auto m = measure_from_string(name);
      if (!m) ms.at(i).fail("unknown measure '" + name + "'");
      else if (is_minimum(*m) || *m == Measure::caution) ms.at(i).fail("only maxima can be reduced");
      else red.measures.push_back(*m);
    }
  if (auto p = r.at("percent").number()) {
    red.percent = *p;
    if (!(red.percent > 0 && red.percent < 100)) r.at("percent").fail("must be between 0 and 100");
  }
  red.when = parse_when(r.at("when"));
  check_choices(r.at("when"), red.when, d);
  red.source = r.at("source").text();
  red.evidence = parse_evidence(r.at("evidence"));
  red.pharmacy_confirmed = r.at("pharmacy_confirmed").boolean().value_or(false);
  red.note = r.at("note").text(false);
  return red;
}

DrugEntry parse_drug(const Reader& r) {
  DrugEntry d;
  d.origin = r.origin;
  if (!r.object()) return d;
  r.only({"id", "name", "class", "routes", "choices", "limits", "reductions", "note"});
  d.id = r.at("id").text();
  if (d.id.find_first_of("/ ") != std::string::npos) r.at("id").fail("a drug id has no spaces or '/'");
  d.name = r.at("name").text();
  auto cls = r.at("class").text();
  if (cls == "opioid") d.drug_class = DrugClass::opioid;
  else if (cls == "local_anaesthetic") d.drug_class = DrugClass::local_anaesthetic;
  else if (cls == "non_opioid") d.drug_class = DrugClass::non_opioid;
  else if (cls == "adjuvant") d.drug_class = DrugClass::adjuvant;
  else if (!cls.empty()) r.at("class").fail("must be opioid, local_anaesthetic, non_opioid or adjuvant");
  d.routes = parse_routes(r.at("routes"));
  if (d.routes.empty()) r.at("routes").fail("list the routes the formulary allows");

  if (auto choices = r.at("choices"); choices.present() && choices.object()) {
    for (const auto& [key, value] : choices.v.get_object()) {
      auto c = choices.at(key);
      if (!c.object()) continue;
      c.only({"description", "options", "default"});
      SiteChoice sc;
      sc.id = std::string(key);
      sc.description = c.at("description").text();
      if (auto opts = c.at("options"); opts.object())
        for (const auto& [o, text] : opts.v.get_object()) sc.options[std::string(o)] = opts.at(o).text();
      if (sc.options.size() < 2) c.at("options").fail("a choice offers at least two options");
      sc.default_option = c.at("default").text();
      if (!sc.default_option.empty() && !sc.options.contains(sc.default_option))
        c.at("default").fail("'" + sc.default_option + "' is not one of the options");
      sc.chosen = sc.default_option;
      d.choices[sc.id] = std::move(sc);
    }
  }
  std::set<std::string> ids;
  if (auto limits = r.at("limits"); limits.array()) {
    for (std::size_t i = 0; i < limits.size(); ++i) {
      d.limits.push_back(parse_limit(limits.at(i), d));
      if (!d.limits.back().id.empty() && !ids.insert(d.limits.back().id).second)
        limits.at(i).at("id").fail("limit id '" + d.limits.back().id + "' appears twice in " + d.id);
    }
  }
  if (auto reds = r.at("reductions"); reds.present() && reds.array())
    for (std::size_t i = 0; i < reds.size(); ++i) d.reductions.push_back(parse_reduction(reds.at(i), d));
  return d;
}

json::value read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError(path.string(), "cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto v = json::parse(text.str(), ec);
  if (ec) throw ValidationError(path.string(), "not valid JSON (" + ec.message() + ")");
  return v;
}

}  // namespace

void Formulary::add(const json::value& file, const std::string& origin) {
  std::vector<Problem> problems;
  Reader root{file, "", origin, problems};
  std::vector<DrugEntry> parsed;
  if (root.object()) {
    root.only({"notice", "description", "drugs"});
    // Every file says what its numbers are, so no copy of it loses the label.
    auto notice = root.at("notice").text();
    if (!notice.empty() && notice.find("pharmacy") == std::string::npos)
      root.at("notice").fail("say who must confirm these values (the site's pharmacy)");
    std::set<std::string> seen;
    if (auto drugs = root.at("drugs"); drugs.array())
      for (std::size_t i = 0; i < drugs.size(); ++i) {
        parsed.push_back(parse_drug(drugs.at(i)));
        const auto& id = parsed.back().id;
        if (id.empty()) continue;
        if (auto existing = drugs_.find(id); existing != drugs_.end())
          drugs.at(i).at("id").fail("drug '" + id + "' is already defined in " + existing->second.origin);
        else if (!seen.insert(id).second)
          drugs.at(i).at("id").fail("drug '" + id + "' appears twice in this file");
      }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  for (auto& d : parsed) drugs_.emplace(d.id, std::move(d));
}

Formulary Formulary::load_directory(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw ValidationError(dir.string(), "the formulary directory does not exist");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  Formulary f;
  std::vector<Problem> problems;
  for (const auto& path : files) {
    try {
      f.add(read_file(path), path.filename().string());
    } catch (const ValidationError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  if (f.drugs_.empty()) throw ValidationError(dir.string(), "no formulary files (*.json) in the directory");
  return f;
}

FormularySettings parse_formulary_settings(const json::value& value) {
  std::vector<Problem> problems;
  Reader root{value, "", "formulary settings", problems};
  FormularySettings s;
  if (root.object()) {
    root.only({"choices", "soft_limits", "description"});
    if (auto c = root.at("choices"); c.present() && c.object())
      for (const auto& [key, option] : c.v.get_object()) s.choices[std::string(key)] = c.at(key).text();
    if (auto l = root.at("soft_limits"); l.present() && l.object())
      for (const auto& [key, change] : l.v.get_object()) {
        auto r = l.at(key);
        if (!r.object()) continue;
        r.only({"value", "disabled", "reason"});
        SoftLimitChange ch;
        ch.value = r.at("value").number(false);
        ch.disabled = r.at("disabled").boolean().value_or(false);
        ch.reason = r.at("reason").text();
        s.soft_limits[std::string(key)] = ch;
      }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return s;
}

}  // namespace relief::acute
