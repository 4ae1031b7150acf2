#include "instruments/definition_parser.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "instruments/json_text.hpp"
#include "instruments/score_range.hpp"

namespace relief::instruments {
namespace {

namespace json = boost::json;

// Walks the JSON with the path of where it is, so every error says where to look.
struct Node {
  const json::value& v;
  std::string path;

  [[noreturn]] void fail(const std::string& problem) const {
    throw DefinitionError((path.empty() ? "/" : path) + ": " + problem);
  }
  const json::object& object() const {
    if (!v.is_object()) fail("must be an object");
    return v.get_object();
  }
  const json::array& array() const {
    if (!v.is_array()) fail("must be an array");
    return v.get_array();
  }
  std::string string() const {
    if (!v.is_string()) fail("must be a string");
    return std::string(v.get_string());
  }
  double number() const {
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    if (v.is_double() && std::isfinite(v.get_double())) return v.get_double();
    fail("must be a number");
  }
  long whole() const {
    double d = number();
    if (d != std::floor(d)) fail("must be a whole number");
    return static_cast<long>(d);
  }
  bool boolean() const {
    if (!v.is_bool()) fail("must be true or false");
    return v.get_bool();
  }
  bool has(std::string_view key) const { return object().contains(key) && !object().at(key).is_null(); }
  Node at(std::string_view key) const {
    const auto& o = object();
    auto found = o.find(key);
    if (found == o.end() || found->value().is_null()) fail("'" + std::string(key) + "' is required");
    return Node{found->value(), path + "/" + std::string(key)};
  }
  Node at(std::size_t i) const { return Node{array().at(i), path + "/" + std::to_string(i)}; }
  std::string string_or(std::string_view key, std::string fallback = "") const {
    return has(key) ? at(key).string() : fallback;
  }
  std::vector<std::string> strings() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < array().size(); ++i) out.push_back(at(i).string());
    return out;
  }
  // Refuses keys the format does not know: a misspelt "max_mising" must not pass unnoticed.
  void only(std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, value] : object())
      if (std::find(keys.begin(), keys.end(), std::string_view(key)) == keys.end())
        fail("unknown key '" + std::string(key) + "'");
  }
};

ResponseOption parse_option(const Node& n) {
  ResponseOption o;
  if (!n.v.is_object()) {  // shorthand: a bare number
    o.value = n.number();
    o.code = number_text(*o.value);
    return o;
  }
  n.only({"code", "value", "scored_as", "label", "band"});
  if (n.has("value")) o.value = n.at("value").number();
  o.code = n.has("code") ? n.at("code").string() : (o.value ? number_text(*o.value) : "");
  if (o.code.empty()) n.fail("a response needs a code or a value");
  if (n.has("scored_as")) o.scored_as = n.at("scored_as").number();
  o.label = n.string_or("label");
  o.band = n.string_or("band");
  if (!o.value && o.band.empty()) n.fail("a response without a value needs a 'band' that says what it means");
  return o;
}

ResponseSet parse_response_set(const std::string& id, const Node& n) {
  n.only({"options", "whole_numbers", "scored", "codes"});
  ResponseSet set;
  set.id = id;
  if (n.has("scored")) set.scored = n.at("scored").boolean();
  if (n.has("options")) {
    auto options = n.at("options");
    for (std::size_t i = 0; i < options.array().size(); ++i) set.options.push_back(parse_option(options.at(i)));
  }
  if (n.has("codes")) {  // recorded facts without a score: schooling mode
    for (const auto& code : n.at("codes").strings()) set.options.push_back({code, std::nullopt, std::nullopt, "", code});
    set.scored = false;
  }
  if (n.has("whole_numbers")) {
    auto w = n.at("whole_numbers");
    w.only({"min", "max"});
    set.whole_min = w.at("min").whole();
    set.whole_max = w.at("max").whole();
    if (*set.whole_min > *set.whole_max) w.fail("min is above max");
  }
  if (set.options.empty() && !set.whole_min) n.fail("a response set needs 'options', 'codes' or 'whole_numbers'");
  if (!set.options.empty() && set.whole_min) n.fail("use either 'options' or 'whole_numbers', not both");
  std::set<std::string> codes;
  std::set<double> values;
  for (const auto& o : set.options) {
    if (!codes.insert(o.code).second) n.fail("response code '" + o.code + "' appears twice");
    if (o.value && !values.insert(*o.value).second) n.fail("response value " + number_text(*o.value) + " appears twice");
  }
  return set;
}

Method parse_method(const Node& n) {
  auto s = n.string();
  if (s == "sum") return Method::sum;
  if (s == "mean") return Method::mean;
  if (s == "sum_of_scales") return Method::sum_of_scales;
  if (s == "mean_of_scales") return Method::mean_of_scales;
  if (s == "weighted") return Method::weighted;
  if (s == "lookup") return Method::lookup;
  if (s == "ratio") return Method::ratio;
  n.fail("unknown method '" + s + "' (sum, mean, sum_of_scales, mean_of_scales, weighted, lookup, ratio)");
}

Scale parse_scale(const std::string& id, const Node& n, const Definition& d) {
  n.only({"name", "method", "items", "items_site_supplied", "of", "terms", "numerator", "denominator", "missing",
          "transform", "lookup", "range", "higher_is"});
  Scale s;
  s.id = id;
  s.name = n.at("name").string();
  s.method = parse_method(n.at("method"));
  if (n.has("items")) {
    auto items = n.at("items");
    if (items.v.is_string() && items.string() == "all") {
      for (const auto& item : d.items)
        if (d.response_sets.count(item.response_set) && d.response_sets.at(item.response_set).scored)
          s.slots.push_back(Slot{{item.id}});
    } else {
      for (std::size_t i = 0; i < items.array().size(); ++i) {
        auto entry = items.at(i);
        if (entry.v.is_array()) s.slots.push_back(Slot{entry.strings()});
        else s.slots.push_back(Slot{{entry.string()}});
        if (s.slots.back().items.empty()) entry.fail("an empty choice of items");
      }
    }
  }
  if (n.has("items_site_supplied")) s.items_site_supplied = n.at("items_site_supplied").boolean();
  if (n.has("of")) s.of_scales = n.at("of").strings();
  if (n.has("terms")) {
    auto terms = n.at("terms");
    for (std::size_t i = 0; i < terms.array().size(); ++i) {
      auto t = terms.at(i);
      t.only({"scale", "weight"});
      s.terms.push_back({t.at("scale").string(), t.at("weight").number()});
    }
  }
  if (n.has("numerator")) s.numerator = n.at("numerator").strings();
  s.denominator = n.string_or("denominator");
  s.missing_rule = n.string_or("missing");
  if (n.has("transform")) {
    auto t = n.at("transform");
    t.only({"multiply", "divide", "add"});
    LinearTransform lt;
    if (t.has("multiply")) lt.multiply = t.at("multiply").number();
    if (t.has("divide")) lt.divide = t.at("divide").number();
    if (t.has("add")) lt.add = t.at("add").number();
    if (lt.divide == 0) t.fail("divide must not be 0");
    s.transform = lt;
  }
  s.lookup = n.string_or("lookup");
  if (n.has("range")) {
    auto r = n.at("range");
    if (r.array().size() != 2) r.fail("a range is [min, max]");
    s.declared_min = r.at(0).number();
    s.declared_max = r.at(1).number();
  }
  s.higher_is = n.string_or("higher_is", "worse");
  if (s.higher_is != "worse" && s.higher_is != "better") n.at("higher_is").fail("must be \"worse\" or \"better\"");

  const bool item_based = s.method == Method::sum || s.method == Method::mean;
  if (item_based && s.slots.empty() && !s.items_site_supplied)
    n.fail("a " + to_string(s.method) + " scale needs 'items' (or 'items_site_supplied': true)");
  if (!item_based && !s.slots.empty()) n.fail("'items' belongs to sum and mean scales only");
  if ((s.method == Method::sum_of_scales || s.method == Method::mean_of_scales) && s.of_scales.empty())
    n.fail("this method needs 'of': the scales it combines");
  if (s.method == Method::lookup && (s.of_scales.size() != 1 || s.lookup.empty()))
    n.fail("a lookup scale needs 'of' (exactly one scale) and 'lookup' (a table)");
  if (s.method == Method::weighted && s.terms.empty()) n.fail("a weighted scale needs 'terms'");
  if (s.method == Method::ratio && (s.numerator.empty() || s.denominator.empty()))
    n.fail("a ratio needs 'numerator' items and a 'denominator' item");
  return s;
}

MissingRule parse_missing_rule(const std::string& id, const Node& n) {
  n.only({"max_missing", "max_missing_fraction", "prorate", "round", "local_convention", "source"});
  MissingRule r;
  r.id = id;
  if (n.has("max_missing")) r.max_missing = static_cast<int>(n.at("max_missing").whole());
  if (n.has("max_missing_fraction")) {
    r.max_missing_fraction = n.at("max_missing_fraction").number();
    if (*r.max_missing_fraction < 0 || *r.max_missing_fraction >= 1)
      n.at("max_missing_fraction").fail("must be at least 0 and below 1");
  }
  if (n.has("prorate")) r.prorate = n.at("prorate").boolean();
  auto round = n.string_or("round", "none");
  if (round == "up") r.round = Rounding::up;
  else if (round == "nearest") r.round = Rounding::nearest;
  else if (round != "none") n.at("round").fail("must be none, up or nearest");
  if (n.has("local_convention")) r.local_convention = n.at("local_convention").boolean();
  r.source = n.string_or("source");
  return r;
}

std::optional<Reporter> parse_reporter(const Node& n) {
  auto s = n.string();
  if (s == "self") return Reporter::self;
  if (s == "parent") return Reporter::parent;
  if (s == "clinician") return Reporter::clinician;
  n.fail("a reporter is self, parent or clinician");
}

}  // namespace

Definition parse_definition(const json::value& root_value) {
  Node root{root_value, ""};
  Definition d;
  std::string key = "definition";
  try {
    root.object();
    d.id = root.at("id").string();
    d.version = root.at("version").string();
    key = d.key();
    root.only({"id", "version", "name", "kind", "reporters", "age_range", "response_sets", "items", "scales",
               "primary", "missing_rules", "bands", "thresholds", "adjustments", "lookups", "codes", "change",
               "sum_limits", "one_side_only", "partition", "individual_descriptors", "licence", "citations", "verification", "settings",
               "site_supplied", "chosen_settings", "description"});
    d.name = root.at("name").string();
    d.kind = root.at("kind").string();
    static const std::set<std::string> kinds{"observational", "questionnaire", "rating", "record"};
    if (!kinds.count(d.kind)) root.at("kind").fail("must be observational, questionnaire, rating or record");
    auto reporters = root.at("reporters");
    for (std::size_t i = 0; i < reporters.array().size(); ++i) d.reporters.push_back(*parse_reporter(reporters.at(i)));
    if (d.reporters.empty()) reporters.fail("at least one reporter");

    if (root.has("age_range")) {
      auto a = root.at("age_range");
      a.only({"min_months", "max_months", "note", "by_reporter"});
      auto limits = [](const Node& n, AgeLimits& out) {
        if (n.has("min_months")) out.min_months = static_cast<int>(n.at("min_months").whole());
        if (n.has("max_months")) out.max_months = static_cast<int>(n.at("max_months").whole());
        out.note = n.string_or("note");
      };
      limits(a, d.age);
      if (a.has("by_reporter")) {
        auto by = a.at("by_reporter");
        for (const auto& [code, value] : by.object()) {
          Node entry{value, by.path + "/" + std::string(code)};
          entry.only({"min_months", "max_months", "note"});
          auto reporter = parse_reporter(Node{json::value(code), entry.path});
          if (std::find(d.reporters.begin(), d.reporters.end(), *reporter) == d.reporters.end())
            entry.fail("is not one of the instrument's reporters");
          limits(entry, d.age.by_reporter[*reporter]);
        }
      }
    }

    auto sets = root.at("response_sets");
    for (const auto& [id, value] : sets.object())
      d.response_sets.emplace(std::string(id), parse_response_set(std::string(id), Node{value, sets.path + "/" + std::string(id)}));

    auto items = root.at("items");
    for (std::size_t i = 0; i < items.array().size(); ++i) {
      auto n = items.at(i);
      n.only({"id", "responses", "reverse", "text"});
      Item item;
      item.id = n.at("id").string();
      item.response_set = n.at("responses").string();
      if (!d.response_sets.count(item.response_set)) n.at("responses").fail("no response set '" + item.response_set + "'");
      if (n.has("reverse")) item.reverse = n.at("reverse").boolean();
      item.text = n.string_or("text");
      if (d.find_item(item.id)) n.at("id").fail("item '" + item.id + "' appears twice");
      d.items.push_back(std::move(item));
    }

    if (root.has("missing_rules")) {
      auto rules = root.at("missing_rules");
      for (const auto& [id, value] : rules.object())
        d.missing_rules.emplace(std::string(id), parse_missing_rule(std::string(id), Node{value, rules.path + "/" + std::string(id)}));
    }

    auto scales = root.at("scales");
    for (const auto& [id, value] : scales.object()) {
      Node n{value, scales.path + "/" + std::string(id)};
      d.scales.push_back(parse_scale(std::string(id), n, d));
    }
    d.primary = root.at("primary").string();

    if (root.has("bands")) {
      auto bands = root.at("bands");
      for (const auto& [scale, list] : bands.object()) {
        Node ln{list, bands.path + "/" + std::string(scale)};
        std::vector<Band> out;
        for (std::size_t i = 0; i < ln.array().size(); ++i) {
          auto b = ln.at(i);
          b.only({"min", "max", "label", "action"});
          out.push_back({b.at("min").number(), b.at("max").number(), b.at("label").string(), b.string_or("action")});
        }
        d.bands.emplace(std::string(scale), std::move(out));
      }
    }
    if (root.has("thresholds")) {
      auto ts = root.at("thresholds");
      for (const auto& [id, value] : ts.object()) {
        Node t{value, ts.path + "/" + std::string(id)};
        t.only({"scale", "at_least", "at_most", "max_age_months", "when", "label", "source"});
        Threshold th;
        th.id = std::string(id);
        th.scale = t.at("scale").string();
        if (t.has("at_least")) th.at_least = t.at("at_least").number();
        if (t.has("at_most")) th.at_most = t.at("at_most").number();
        if (!th.at_least && !th.at_most) t.fail("a threshold needs at_least or at_most");
        if (t.has("max_age_months")) th.max_age_months = static_cast<int>(t.at("max_age_months").number());
        if (t.has("when")) {
          auto w = t.at("when");
          w.only({"item", "in"});
          th.when_item = w.at("item").string();
          th.when_in = w.at("in").strings();
          if (th.when_in.empty()) w.at("in").fail("name at least one answer");
        }
        th.label = t.at("label").string();
        th.source = t.string_or("source");
        d.thresholds.push_back(std::move(th));
      }
    }
    if (root.has("adjustments")) {
      auto as = root.at("adjustments");
      for (const auto& [id, value] : as.object()) {
        Node a{value, as.path + "/" + std::string(id)};
        a.only({"scale", "input", "rules", "description"});
        Adjustment adj;
        adj.id = std::string(id);
        adj.scale = a.at("scale").string();
        adj.input = a.at("input").string();
        adj.description = a.string_or("description");
        auto rules = a.at("rules");
        for (std::size_t i = 0; i < rules.array().size(); ++i) {
          auto r = rules.at(i);
          r.only({"below", "add"});
          adj.rules.push_back({r.at("below").number(), r.at("add").number()});
          if (i > 0 && adj.rules[i].below <= adj.rules[i - 1].below) r.fail("rules must be in increasing 'below' order");
        }
        d.adjustments.push_back(std::move(adj));
      }
    }
    if (root.has("lookups")) {
      auto ls = root.at("lookups");
      for (const auto& [id, value] : ls.object()) {
        Node l{value, ls.path + "/" + std::string(id)};
        l.only({"description", "site_supplied", "rows"});
        LookupTable t;
        t.id = std::string(id);
        t.description = l.string_or("description");
        if (l.has("site_supplied")) t.site_supplied = l.at("site_supplied").boolean();
        if (l.has("rows")) {
          auto rows = l.at("rows");
          for (const auto& [raw, v] : rows.object()) {
            Node rn{v, rows.path + "/" + std::string(raw)};
            long r = 0;
            try {
              std::size_t used = 0;
              r = std::stol(std::string(raw), &used);
              if (used != raw.size()) throw std::invalid_argument("");
            } catch (const std::exception&) {
              rn.fail("a raw score key must be a whole number");
            }
            t.rows[r] = rn.number();
          }
        }
        d.lookups.emplace(t.id, std::move(t));
      }
    }
    if (root.has("codes")) {
      auto cs = root.at("codes");
      for (const auto& [scale, list] : cs.object()) {
        Node ln{list, cs.path + "/" + std::string(scale)};
        std::vector<Code> out;
        for (std::size_t i = 0; i < ln.array().size(); ++i) {
          auto c = ln.at(i);
          c.only({"system", "code", "display", "verification"});
          out.push_back({c.at("system").string(), c.at("code").string(), c.string_or("display"), c.string_or("verification")});
        }
        d.codes.emplace(std::string(scale), std::move(out));
      }
    }
    if (root.has("change")) {
      auto cs = root.at("change");
      for (const auto& [scale, value] : cs.object()) {
        Node c{value, cs.path + "/" + std::string(scale)};
        c.only({"mcid_points", "mcid_percent", "sd", "reliability", "mcid_reporters", "same_answers", "source"});
        ChangeRule rule;
        if (c.has("mcid_points")) rule.mcid_points = c.at("mcid_points").number();
        if (c.has("mcid_percent")) rule.mcid_percent = c.at("mcid_percent").number();
        if (c.has("sd")) rule.sd = c.at("sd").number();
        if (c.has("reliability")) rule.reliability = c.at("reliability").number();
        if (rule.reliability && (*rule.reliability <= 0 || *rule.reliability >= 1))
          c.at("reliability").fail("a test-retest reliability lies between 0 and 1");
        if (rule.sd && *rule.sd <= 0) c.at("sd").fail("a standard deviation is positive");
        if (c.has("mcid_reporters")) {
          auto list = c.at("mcid_reporters");
          for (std::size_t i = 0; i < list.array().size(); ++i) rule.mcid_reporters.push_back(*parse_reporter(list.at(i)));
        }
        if (c.has("same_answers")) {
          rule.same_answers = c.at("same_answers").strings();
          for (const auto& item : rule.same_answers)
            if (!d.find_item(item)) c.at("same_answers").fail("'" + item + "' is not an item of the instrument");
        }
        rule.source = c.string_or("source");
        d.change.emplace(std::string(scale), rule);
      }
    }
    if (root.has("sum_limits")) {
      auto ls = root.at("sum_limits");
      for (std::size_t i = 0; i < ls.array().size(); ++i) {
        auto l = ls.at(i);
        l.only({"items", "limit_item", "by", "at_most"});
        if (l.has("by")) {
          SumLimit limit{l.at("items").strings(), "", l.at("by").string(), {}};
          for (const auto& [code, value] : l.at("at_most").object())
            limit.at_most[std::string(code)] = Node{value, l.path + "/at_most/" + std::string(code)}.number();
          d.sum_limits.push_back(std::move(limit));
        } else {
          d.sum_limits.push_back({l.at("items").strings(), l.at("limit_item").string(), "", {}});
        }
      }
    }
    // Lists of at least two names each: scales that divide the items, items graded one way only.
    auto groups_of = [&](const char* key, const char* what) {
      std::vector<std::vector<std::string>> out;
      if (!root.has(key)) return out;
      auto groups = root.at(key);
      for (std::size_t i = 0; i < groups.array().size(); ++i) {
        auto names = groups.at(i).strings();
        if (names.size() < 2) groups.at(i).fail(what);
        out.push_back(std::move(names));
      }
      return out;
    };
    d.partitions = groups_of("partition", "a partition names at least two scales");
    d.one_side_only = groups_of("one_side_only", "a group names at least two items");
    if (root.has("individual_descriptors")) d.individual_descriptors = root.at("individual_descriptors").boolean();

    auto lic = root.at("licence");
    lic.only({"status", "holder", "text_shipped", "notes"});
    d.licence.status = lic.at("status").string();
    static const std::set<std::string> statuses{"public-domain", "free-with-citation", "permission-required",
                                                "licensed", "unknown", "relief"};
    if (!statuses.count(d.licence.status))
      lic.at("status").fail("must be public-domain, free-with-citation, permission-required, licensed, unknown or relief");
    d.licence.holder = lic.string_or("holder");
    d.licence.text_shipped = lic.at("text_shipped").boolean();
    d.licence.notes = lic.string_or("notes");
    d.citations = root.at("citations").strings();

    if (root.has("verification")) {
      auto vs = root.at("verification");
      for (std::size_t i = 0; i < vs.array().size(); ++i) {
        auto v = vs.at(i);
        v.only({"path", "status", "note"});
        Verification ver{v.at("path").string(), v.at("status").string(), v.at("note").string()};
        if (ver.status != "M" && ver.status != "P") v.at("status").fail("must be \"M\" (unverified) or \"P\" (partly verified)");
        d.verification.push_back(std::move(ver));
      }
    }
    if (root.has("settings")) {
      auto ss = root.at("settings");
      for (const auto& [key_name, value] : ss.object()) {
        Node s{value, ss.path + "/" + std::string(key_name)};
        s.only({"description", "default", "options"});
        SiteSetting setting;
        setting.key = std::string(key_name);
        setting.description = s.at("description").string();
        setting.default_option = s.at("default").string();
        auto options = s.at("options");
        for (const auto& [name, ov] : options.object()) {
          Node o{ov, options.path + "/" + std::string(name)};
          o.only({"description", "source", "patch"});
          if (o.has("patch")) o.at("patch").object();
          setting.options.push_back({std::string(name), o.at("description").string(), o.string_or("source")});
        }
        bool known = false;
        for (const auto& o : setting.options) known = known || o.name == setting.default_option;
        if (!known) s.at("default").fail("the default '" + setting.default_option + "' is not one of the options");
        d.settings.push_back(std::move(setting));
      }
    }
    if (root.has("site_supplied")) d.site_supplied = root.at("site_supplied").strings();
    if (root.has("chosen_settings"))
      for (const auto& [k, v] : root.at("chosen_settings").object())
        d.chosen_settings[std::string(k)] = Node{v, "/chosen_settings/" + std::string(k)}.string();
  } catch (const DefinitionError& e) {
    throw DefinitionError(key + ": " + e.what());
  }

  auto problems = definition_problems(d);
  if (!problems.empty()) {
    std::string text = key + ": ";
    for (std::size_t i = 0; i < problems.size(); ++i) text += (i ? "; " : "") + problems[i];
    throw DefinitionError(text);
  }
  return d;
}

std::vector<std::string> definition_problems(const Definition& d) {
  std::vector<std::string> problems;
  auto problem = [&](std::string text) { problems.push_back(std::move(text)); };

  // Licensed wording must not ship by accident: text only when the licence says so.
  if (!d.licence.text_shipped) {
    for (const auto& item : d.items)
      if (!item.text.empty()) problem("/items/" + item.id + ": item text present but the licence does not let Relief ship it");
    for (const auto& [id, set] : d.response_sets)
      for (const auto& o : set.options)
        if (!o.label.empty())
          problem("/response_sets/" + id + ": response label present but the licence does not let Relief ship it");
  }
  for (const auto& item : d.items) {
    const auto& set = d.responses_of(item);
    if (item.reverse) {
      if (!set.scored) problem("/items/" + item.id + ": an unscored item cannot be reverse-keyed");
      for (const auto& o : set.options)
        if (o.scored_as) problem("/items/" + item.id + ": an item is either reverse-keyed or transformed, not both");
    }
  }

  // A partition is checked once its scales have items (a site's key loaded): every scored item in
  // exactly one of them.
  for (const auto& group : d.partitions) {
    std::map<std::string, std::string> owner;  // item -> the scale that has it
    bool keyed = true;
    for (const auto& id : group) {
      const Scale* s = d.find_scale(id);
      if (!s) {
        problem("/partition: no scale '" + id + "'");
        keyed = false;
        continue;
      }
      if (s->slots.empty()) keyed = false;
      for (const auto& slot : s->slots)
        for (const auto& item : slot.items) {
          auto [at, fresh] = owner.emplace(item, id);
          if (!fresh) problem("/partition: item '" + item + "' is in both " + at->second + " and " + id);
        }
    }
    if (!keyed) continue;
    std::string left_out;
    for (const auto& item : d.items)
      if (d.responses_of(item).scored && !owner.count(item.id)) left_out += (left_out.empty() ? "" : ", ") + item.id;
    if (!left_out.empty()) problem("/partition: items " + left_out + " are in none of its scales");
  }

  std::set<std::string> seen;
  for (const auto& s : d.scales) {
    const std::string at = "/scales/" + s.id;
    for (std::size_t i = 0; i < s.slots.size(); ++i)
      for (const auto& id : s.slots[i].items) {
        const Item* item = d.find_item(id);
        if (!item) problem(at + "/items/" + std::to_string(i) + ": no item '" + id + "'");
        else if (!d.responses_of(*item).scored) problem(at + ": item '" + id + "' is a recorded fact, not a score");
      }
    auto earlier = [&](const std::string& other, const std::string& where) {
      if (!seen.count(other)) problem(at + where + ": '" + other + "' is not a scale defined before this one");
    };
    for (const auto& o : s.of_scales) earlier(o, "/of");
    for (const auto& t : s.terms) earlier(t.scale, "/terms");
    for (const auto& id : s.numerator)
      if (!d.find_item(id)) problem(at + "/numerator: no item '" + id + "'");
    if (!s.denominator.empty() && !d.find_item(s.denominator)) problem(at + "/denominator: no item '" + s.denominator + "'");
    if (!s.missing_rule.empty() && !d.missing_rules.count(s.missing_rule))
      problem(at + "/missing: no missing-data rule '" + s.missing_rule + "'");
    if (!s.lookup.empty() && !d.lookups.count(s.lookup)) problem(at + "/lookup: no lookup table '" + s.lookup + "'");
    if (s.items_site_supplied && s.slots.empty()) {
      bool allowed = false;
      for (const auto& p : d.site_supplied) allowed = allowed || at.starts_with(p) || p.starts_with(at);
      if (!allowed) problem(at + ": items are site-supplied but no 'site_supplied' path lets a site supply them");
    }
    // A lookup table has a row for every raw score the items can give, and no other: a table
    // for another coding (PROMIS items valued 0-4 instead of 1-5, raw 0-32 instead of 8-40)
    // would otherwise turn scores into the wrong T-scores without a word.
    if (s.method == Method::lookup && d.lookups.count(s.lookup) && !s.of_scales.empty()) {
      const auto& rows = d.lookups.at(s.lookup).rows;
      auto raw = score_range(d, s.of_scales.front());
      if (!rows.empty() && raw) {
        const long lo = std::lround(raw->min), hi = std::lround(raw->max);
        if (rows.begin()->first != lo || rows.rbegin()->first != hi || static_cast<long>(rows.size()) != hi - lo + 1)
          problem("/lookups/" + s.lookup + ": the table must have one row for each raw score from " +
                  std::to_string(lo) + " to " + std::to_string(hi) + " (" + s.of_scales.front() + "); it has " +
                  std::to_string(rows.size()) + " rows, from " + std::to_string(rows.begin()->first) + " to " +
                  std::to_string(rows.rbegin()->first));
      }
    }
    seen.insert(s.id);
    // The published range must be the range the items can actually reach.
    if (s.declared_min && s.declared_max) {
      if (auto r = score_range(d, s.id)) {
        if (std::fabs(r->min - *s.declared_min) > 1e-9 || std::fabs(r->max - *s.declared_max) > 1e-9)
          problem(at + "/range: the published range is " + number_text(*s.declared_min) + " to " +
                  number_text(*s.declared_max) + " but the items give " + number_text(r->min) + " to " +
                  number_text(r->max));
      }
    }
  }
  if (!d.find_scale(d.primary)) problem("/primary: no scale '" + d.primary + "'");

  for (const auto& [scale, bands] : d.bands) {
    const std::string at = "/bands/" + scale;
    if (!d.find_scale(scale)) {
      problem(at + ": no scale '" + scale + "'");
      continue;
    }
    const bool whole = whole_number_scale(d, scale);
    for (std::size_t i = 0; i < bands.size(); ++i) {
      if (bands[i].min > bands[i].max) problem(at + "/" + std::to_string(i) + ": min is above max");
      if (i > 0) {
        if (bands[i].min <= bands[i - 1].max) problem(at + "/" + std::to_string(i) + ": overlaps the band before it");
        else if (whole && bands[i].min != bands[i - 1].max + 1)
          problem(at + "/" + std::to_string(i) + ": leaves a gap after " + number_text(bands[i - 1].max));
      }
    }
    if (auto r = score_range(d, scale); r && !bands.empty()) {
      // Bands cover the reachable scores exactly: a band beyond them is a typing error or a band
      // copied from another version of the scale.
      if (bands.front().min != r->min)
        problem(at + ": the bands start at " + number_text(bands.front().min) + " but scores start at " + number_text(r->min));
      if (bands.back().max != r->max)
        problem(at + ": the bands end at " + number_text(bands.back().max) + " but scores reach " + number_text(r->max));
    }
  }
  for (const auto& t : d.thresholds) {
    if (!d.find_scale(t.scale)) problem("/thresholds/" + t.id + ": no scale '" + t.scale + "'");
    if (t.when_item.empty()) continue;
    const Item* item = d.find_item(t.when_item);
    if (!item) {
      problem("/thresholds/" + t.id + "/when: no item '" + t.when_item + "'");
      continue;
    }
    const auto& options = d.responses_of(*item).options;
    for (const auto& code : t.when_in)
      if (std::none_of(options.begin(), options.end(), [&](const ResponseOption& o) { return o.code == code; }))
        problem("/thresholds/" + t.id + "/when: '" + code + "' is not an answer of " + t.when_item);
  }
  for (const auto& a : d.adjustments)
    if (!d.find_scale(a.scale)) problem("/adjustments/" + a.id + ": no scale '" + a.scale + "'");
  for (const auto& [scale, codes] : d.codes)
    if (!d.find_scale(scale)) problem("/codes/" + scale + ": no scale '" + scale + "'");
  for (const auto& [scale, rule] : d.change)
    if (!d.find_scale(scale)) problem("/change/" + scale + ": no scale '" + scale + "'");
  for (const auto& limit : d.sum_limits) {
    for (const auto& id : limit.items)
      if (!d.find_item(id)) problem("/sum_limits: no item '" + id + "'");
    const std::string& cap = limit.by_item.empty() ? limit.limit_item : limit.by_item;
    if (!d.find_item(cap)) problem("/sum_limits: no item '" + cap + "'");
  }
  for (const auto& group : d.one_side_only)
    for (const auto& id : group)
      if (!d.find_item(id)) problem("/one_side_only: no item '" + id + "'");
  for (const auto& [id, table] : d.lookups)
    if (!table.site_supplied && table.rows.empty()) problem("/lookups/" + id + ": an empty table that no site can fill");
  if (d.citations.empty()) problem("/citations: cite at least the source of the scoring rules");
  if (d.age.min_months && d.age.max_months && *d.age.min_months > *d.age.max_months)
    problem("/age_range: min_months is above max_months");
  for (const auto& [reporter, limits] : d.age.by_reporter)
    if (limits.min_months && limits.max_months && *limits.min_months > *limits.max_months)
      problem("/age_range/by_reporter/" + std::string(reporter_code(reporter)) + ": min_months is above max_months");
  return problems;
}

}  // namespace relief::instruments
