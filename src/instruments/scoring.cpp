#include "instruments/scoring.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "instruments/json_text.hpp"

namespace relief::instruments {
namespace {

std::string allowed_text(const ResponseSet& set) {
  if (set.whole_number_range())
    return "a whole number from " + std::to_string(*set.whole_min) + " to " + std::to_string(*set.whole_max);
  std::string out;
  for (std::size_t i = 0; i < set.options.size(); ++i) {
    if (i) out += i + 1 == set.options.size() ? " or " : ", ";
    out += set.options[i].code;
  }
  return out;
}

std::string answer_text(const AnswerValue& a) { return a.number ? number_text(*a.number) : "\"" + a.code + "\""; }

// The option an answer chose, or nullptr. Numbers match values; text matches codes (a form may
// send "2" for 2).
const ResponseOption* chosen_option(const ResponseSet& set, const AnswerValue& a) {
  for (const auto& o : set.options) {
    if (a.number && o.value && *o.value == *a.number) return &o;
    if (!a.number && o.code == a.code) return &o;
  }
  return nullptr;
}

ItemScore score_item(const Definition& d, const Item& item, const AnswerValue& a, std::vector<Problem>& problems) {
  const ResponseSet& set = d.responses_of(item);
  ItemScore s{item.id, "", std::nullopt, std::nullopt};
  const std::string field = "answers." + item.id;
  const std::string what = d.name + " item '" + item.id + "'";
  if (set.whole_number_range()) {
    std::optional<double> n = a.number;
    if (!n) {
      try {
        std::size_t used = 0;
        double parsed = std::stod(a.code, &used);
        if (used == a.code.size()) n = parsed;
      } catch (const std::exception&) {
      }
    }
    if (!n || *n != std::floor(*n) || *n < *set.whole_min || *n > *set.whole_max) {
      problems.push_back({field, what + " takes " + allowed_text(set) + "; " + answer_text(a) + " is not one"});
      return s;
    }
    s.code = number_text(*n);
    s.value = *n;
    s.score = set.scored ? std::optional<double>(*n) : std::nullopt;
    return s;
  }
  const ResponseOption* o = chosen_option(set, a);
  if (!o) {
    problems.push_back({field, what + " takes " + allowed_text(set) + "; " + answer_text(a) + " is not one of them"});
    return s;
  }
  s.code = o->code;
  s.value = o->value;
  if (set.scored && o->value) {
    if (item.reverse) s.score = set.lowest_value() + set.highest_value() - *o->value;
    else s.score = o->scored_as ? *o->scored_as : *o->value;
  }
  return s;
}

double rounded(double v, Rounding r) {
  // Proration can land a hair off a whole number (12 x 15 / 13); round from the exact fraction.
  switch (r) {
    case Rounding::up: return std::ceil(v - 1e-9);
    case Rounding::nearest: return std::floor(v + 0.5 + 1e-9);
    case Rounding::none: return v;
  }
  return v;
}

}  // namespace

std::optional<Band> band_of(const std::vector<Band>& bands, double value) {
  if (bands.empty() || value < bands.front().min || value > bands.back().max) return std::nullopt;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const bool below_next = i + 1 == bands.size() || value < bands[i + 1].min;
    if (value >= bands[i].min && below_next) return bands[i];
  }
  return std::nullopt;
}

const ScaleScore* ScoreResult::scale(const std::string& id) const {
  for (const auto& s : scales)
    if (s.id == id) return &s;
  return nullptr;
}

const ScaleScore& ScoreResult::total() const { return *scale(primary); }

ScoreResult score(const Definition& d, const Administration& a) {
  std::vector<Problem> problems;

  if (a.reporter && std::find(d.reporters.begin(), d.reporters.end(), *a.reporter) == d.reporters.end()) {
    std::string allowed;
    for (auto r : d.reporters) allowed += (allowed.empty() ? "" : ", ") + std::string(reporter_code(r));
    problems.push_back({"reporter", d.name + " is reported by " + allowed + " only, not by " + std::string(reporter_code(*a.reporter))});
  }
  for (const auto& [id, answer] : a.answers) {
    if (!d.find_item(id)) {
      std::string known;
      for (const auto& item : d.items) known += (known.empty() ? "" : ", ") + item.id;
      problems.push_back({"answers." + id, d.name + " has no item '" + id + "' (its items: " + known + ")"});
    }
  }
  if (!a.individual_descriptors.empty() && !d.individual_descriptors)
    problems.push_back({"individual_descriptors", d.name + " takes no individual descriptors (r-FLACC does)"});
  for (const auto& [category, descriptors] : a.individual_descriptors)
    if (d.individual_descriptors && !d.find_item(category))
      problems.push_back({"individual_descriptors." + category, d.name + " has no category '" + category + "'"});

  ScoreResult r;
  r.instrument = d.id;
  r.version = d.version;
  r.name = d.name;
  r.settings = d.chosen_settings;
  r.primary = d.primary;
  r.verification = d.verification;
  r.individual_descriptors = a.individual_descriptors;

  std::map<std::string, ItemScore> by_item;
  for (const auto& item : d.items) {
    auto found = a.answers.find(item.id);
    if (found == a.answers.end()) continue;
    auto s = score_item(d, item, found->second, problems);
    if (!s.code.empty()) {
      by_item[item.id] = s;
      r.items.push_back(s);
    }
  }
  for (const auto& limit : d.sum_limits) {
    double total = 0;
    std::string names;
    for (const auto& id : limit.items) {
      names += (names.empty() ? "" : " + ") + id;
      if (auto f = by_item.find(id); f != by_item.end() && f->second.value) total += *f->second.value;
    }
    if (!limit.by_item.empty()) {
      auto by = by_item.find(limit.by_item);
      if (by == by_item.end()) continue;
      auto most = limit.at_most.find(by->second.code);
      if (most != limit.at_most.end() && total > most->second)
        problems.push_back({"answers." + limit.items.front(), names + " (" + number_text(total) + ") cannot exceed " +
                                                                  number_text(most->second) + " for a " + limit.by_item +
                                                                  " of " + by->second.code});
      continue;
    }
    auto cap = by_item.find(limit.limit_item);
    if (cap == by_item.end() || !cap->second.value) continue;
    if (total > *cap->second.value)
      problems.push_back({"answers." + limit.limit_item, names + " (" + number_text(total) + ") cannot exceed " +
                                                             limit.limit_item + " (" + number_text(*cap->second.value) + ")"});
  }
  // One behaviour graded both ways at once (N-PASS: crying +2 and -2) is a contradiction: the
  // two sums would each count half of an observation that cannot be true.
  for (const auto& group : d.one_side_only) {
    std::vector<std::string> nonzero;
    for (const auto& id : group)
      if (auto f = by_item.find(id); f != by_item.end() && f->second.value && *f->second.value != 0)
        nonzero.push_back(id + " " + number_text(*f->second.value));
    if (nonzero.size() > 1) {
      std::string given;
      for (const auto& n : nonzero) given += (given.empty() ? "" : " and ") + n;
      problems.push_back({"answers." + group[1], d.name + ": score one side only, the other 0 (" + given + " given)"});
    }
  }
  // A slot answered twice (COMFORT-B: respiratory response and crying) is a contradiction.
  for (const auto& s : d.scales)
    for (const auto& slot : s.slots) {
      int answered = 0;
      for (const auto& id : slot.items) answered += by_item.count(id) ? 1 : 0;
      if (answered > 1)
        problems.push_back({"answers." + slot.items[1], d.name + ": answer one of " + slot.label() + ", not more"});
    }
  if (!problems.empty()) {
    std::sort(problems.begin(), problems.end(), [](const Problem& x, const Problem& y) { return x.field < y.field; });
    problems.erase(std::unique(problems.begin(), problems.end(),
                               [](const Problem& x, const Problem& y) { return x.field == y.field && x.message == y.message; }),
                   problems.end());
    throw ValidationError(std::move(problems));
  }

  // The N-PASS sheet has one mark per criterion, on a row from -2 (sedation) through 0 to +2
  // (pain/agitation) [S40]: a criterion marked on one side is 0 on the other, so a form may send
  // the marked side alone and both scores still follow. Only for scoring: the response keeps
  // what was sent.
  for (const auto& group : d.one_side_only) {
    bool marked = std::any_of(group.begin(), group.end(), [&](const std::string& id) { return by_item.count(id) > 0; });
    if (!marked) continue;
    for (const auto& id : group)
      if (!by_item.count(id))
        if (const Item* item = d.find_item(id)) {
          std::vector<Problem> no_zero;  // a side without a 0 stays missing
          auto implied = score_item(d, *item, AnswerValue{0.0, ""}, no_zero);
          if (no_zero.empty() && !implied.code.empty()) by_item[id] = implied;
        }
  }

  for (const auto& s : d.scales) {
    ScaleScore out;
    out.id = s.id;
    out.name = s.name;
    out.range = score_range(d, s.id);
    const MissingRule* rule = nullptr;
    if (!s.missing_rule.empty()) rule = &d.missing_rules.at(s.missing_rule);
    out.missing.rule_id = s.missing_rule;
    out.missing.rule = rule ? rule->describe() : MissingRule{}.describe();
    auto not_scored = [&](std::string reason) {
      out.missing.decision = "not_scored";
      out.missing.reason = std::move(reason);
    };
    // A scale made from other scales is only as complete as they are: a T-score looked up from
    // a prorated raw score is prorated too, and a total over a subscale scored with missing
    // items says so (rather than "complete"). Their items, answered and missing, add up.
    auto inherit_missing = [&](const std::vector<std::string>& parts) {
      bool prorated = false, partial = false;
      out.missing.items = 0;
      out.missing.answered = 0;
      for (const auto& id : parts) {
        const ScaleScore* part = r.scale(id);
        if (!part) continue;
        out.missing.items += part->missing.items;
        out.missing.answered += part->missing.answered;
        out.missing.missing.insert(out.missing.missing.end(), part->missing.missing.begin(), part->missing.missing.end());
        prorated = prorated || part->missing.decision == "prorated";
        partial = partial || part->missing.decision != "complete";
      }
      out.missing.decision = prorated ? "prorated" : partial ? "scored_with_missing" : "complete";
      if (partial)
        out.missing.reason = std::to_string(out.missing.items - out.missing.answered) + " of " +
                             std::to_string(out.missing.items) + " items missing in its parts, each within its rule" +
                             (prorated ? "; computed from the prorated score" : "");
    };
    auto scale_value = [&](const std::string& id) -> std::optional<double> {
      const ScaleScore* other = r.scale(id);
      return other ? other->value : std::nullopt;
    };

    switch (s.method) {
      case Method::sum:
      case Method::mean: {
        if (s.slots.empty()) {
          not_scored("the item key of this scale is not published in Relief (unverified); the site loads it from the "
                     "authors' scoring manual as a supplement");
          break;
        }
        out.missing.items = static_cast<int>(s.slots.size());
        double sum = 0;
        std::string levelled;  // a level without a number (POSS "S")
        for (const auto& slot : s.slots) {
          const ItemScore* answered = nullptr;
          for (const auto& id : slot.items)
            if (auto f = by_item.find(id); f != by_item.end()) answered = &f->second;
          if (!answered) {
            out.missing.missing.push_back(slot.label());
            continue;
          }
          ++out.missing.answered;
          if (!answered->score) {
            levelled = answered->code;
            continue;
          }
          sum += *answered->score;
        }
        const int n = out.missing.items, m = static_cast<int>(out.missing.missing.size()), k = n - m;
        if (!levelled.empty()) {
          // The level is the result: it has a meaning (a band) but no number to add up.
          const ResponseOption* option = nullptr;
          for (const auto& slot : s.slots)
            for (const auto& id : slot.items)
              if (auto f = by_item.find(id); f != by_item.end() && f->second.code == levelled)
                option = chosen_option(d.responses_of(*d.find_item(id)), AnswerValue{std::nullopt, levelled});
          not_scored("level " + levelled + " has no number");
          out.missing.decision = "level";
          if (option) out.band = Band{0, 0, levelled + ": " + option->band, ""};
          break;
        }
        if (k == 0) {
          not_scored("no item was answered");
          break;
        }
        bool allowed = m == 0;
        if (m > 0 && rule) {
          allowed = rule->max_missing || rule->max_missing_fraction;
          if (rule->max_missing && m > *rule->max_missing) allowed = false;
          if (rule->max_missing_fraction && static_cast<double>(m) > *rule->max_missing_fraction * n + 1e-12)
            allowed = false;
        }
        if (!allowed) {
          not_scored(std::to_string(m) + " of " + std::to_string(n) + " items missing; the rule: " + out.missing.rule);
          break;
        }
        out.raw = sum;
        if (s.method == Method::mean) {
          out.value = sum / k;
        } else if (m > 0 && rule && rule->prorate) {
          out.value = rounded(sum * n / k, rule->round);
        } else {
          out.value = sum;
        }
        if (m == 0) out.missing.decision = "complete";
        else if (s.method == Method::sum && rule && rule->prorate) out.missing.decision = "prorated";
        else out.missing.decision = "scored_with_missing";
        if (m > 0)
          out.missing.reason = std::to_string(m) + " of " + std::to_string(n) + " items missing, within the rule" +
                               (s.method == Method::mean ? "; the mean of the answered items" : "");
        break;
      }
      case Method::sum_of_scales:
      case Method::mean_of_scales: {
        double sum = 0;
        std::string absent;
        for (const auto& part : s.of_scales) {
          auto v = scale_value(part);
          if (!v) absent += (absent.empty() ? "" : ", ") + part;
          else sum += *v;
        }
        out.missing.rule = "every component scale must be scored";
        // The parts' items, answered and missing, also when a part could not be scored: it said
        // "0 answered, none missing" for a PSOCQ-A readiness with 2 of its 3 parts scored.
        inherit_missing(s.of_scales);
        if (!absent.empty()) {
          not_scored("needs the scale(s) " + absent + ", which could not be scored");
          break;
        }
        out.value = s.method == Method::sum_of_scales ? sum : sum / static_cast<double>(s.of_scales.size());
        break;
      }
      case Method::weighted: {
        double sum = 0;
        std::string absent;
        for (const auto& t : s.terms) {
          auto v = scale_value(t.scale);
          if (!v) absent += (absent.empty() ? "" : ", ") + t.scale;
          else sum += t.weight * *v;
        }
        out.missing.rule = "every component scale must be scored";
        std::vector<std::string> parts;
        for (const auto& t : s.terms) parts.push_back(t.scale);
        inherit_missing(parts);  // as for sum_of_scales: the parts' items, scored or not
        if (!absent.empty()) {
          not_scored("needs the scale(s) " + absent + ", which could not be scored");
          break;
        }
        out.value = sum;
        break;
      }
      case Method::lookup: {
        const auto& table = d.lookups.at(s.lookup);
        out.missing.rule = "the raw score must be scored and found in the table";
        inherit_missing(s.of_scales);  // what was answered, even when there is no T-score to give
        auto raw = scale_value(s.of_scales.front());
        if (table.rows.empty()) {
          not_scored("the site has not loaded the " + s.lookup + " table (" + table.description + ")");
          break;
        }
        if (!raw) {
          not_scored("needs the scale " + s.of_scales.front() + ", which could not be scored");
          break;
        }
        out.raw = raw;
        auto row = table.rows.find(static_cast<long>(std::llround(*raw)));
        if (*raw != std::floor(*raw) || row == table.rows.end()) {
          not_scored("no row for raw score " + number_text(*raw) + " in the " + s.lookup + " table");
          break;
        }
        out.value = row->second;
        out.notes.push_back("raw " + number_text(*raw) + " -> " + number_text(row->second) + " through the " +
                            s.lookup + " table");
        break;
      }
      case Method::ratio: {
        out.missing.rule = "the numerator and denominator items must be answered";
        out.missing.items = static_cast<int>(s.numerator.size() + 1);
        double num = 0;
        for (const auto& id : s.numerator) {
          auto f = by_item.find(id);
          if (f == by_item.end()) out.missing.missing.push_back(id);
          else num += *f->second.value;
        }
        auto den = by_item.find(s.denominator);
        if (den == by_item.end()) out.missing.missing.push_back(s.denominator);
        out.missing.answered = out.missing.items - static_cast<int>(out.missing.missing.size());
        if (!out.missing.missing.empty()) {
          not_scored("missing " + std::to_string(out.missing.missing.size()) + " of the items it needs");
          break;
        }
        if (*den->second.value == 0) {
          not_scored(s.denominator + " is 0: there is nothing to divide by");
          break;
        }
        out.raw = num;
        out.value = 100.0 * num / *den->second.value;
        out.missing.decision = "complete";
        break;
      }
    }
    if (out.value && s.transform) out.value = s.transform->apply(*out.value);
    if (out.value) {
      for (const auto& adj : d.adjustments) {
        if (adj.scale != s.id || adj.rules.empty()) continue;
        auto input = a.context.find(adj.input);
        if (input == a.context.end())
          throw ValidationError(adj.input, d.name + " " + adj.description + ": give " + adj.input +
                                               " (or have the site choose no " + adj.id + " points)");
        for (const auto& rule : adj.rules)
          if (input->second < rule.below) {
            *out.value += rule.add;
            out.notes.push_back(adj.id + ": " + (rule.add >= 0 ? "+" : "") + number_text(rule.add) + " (" + adj.input +
                                " " + number_text(input->second) + " < " + number_text(rule.below) + ")");
            break;
          }
      }
      if (auto b = d.bands.find(s.id); b != d.bands.end()) out.band = band_of(b->second, *out.value);
      for (const auto& t : d.thresholds) {
        if (t.scale != s.id) continue;
        const bool too_old = t.max_age_months && a.age_months && *a.age_months > *t.max_age_months;
        bool applies = !too_old;
        if (!t.when_item.empty()) {
          auto answer = by_item.find(t.when_item);
          if (answer == by_item.end()) {
            std::string in;
            for (const auto& code : t.when_in) in += (in.empty() ? "" : " or ") + code;
            r.warnings.push_back(t.when_item + " not given: '" + t.label + "' judged only when " + t.when_item +
                                 " is " + in);
          }
          applies = applies && answer != by_item.end() &&
                    std::find(t.when_in.begin(), t.when_in.end(), answer->second.code) != t.when_in.end();
        }
        if (applies && (!t.at_least || *out.value >= *t.at_least) && (!t.at_most || *out.value <= *t.at_most)) {
          r.flags.push_back({t.id, t.scale, t.label, t.source});
          // Flagged rather than missed, but the reader must know the cut-off may not apply.
          if (t.max_age_months && !a.age_months)
            r.warnings.push_back("age not given: '" + t.label + "' was derived in children up to " +
                                 std::to_string(*t.max_age_months) + " months");
        }
      }
    }
    r.scales.push_back(std::move(out));
  }

  if (a.age_months) {
    const AgeLimits& age = d.age.of(a.reporter);
    const bool below = age.min_months && *a.age_months < *age.min_months;
    const bool above = age.max_months && *a.age_months > *age.max_months;
    if (below || above) {
      std::string range = (age.min_months ? std::to_string(*age.min_months) : "0") + " to " +
                          (age.max_months ? std::to_string(*age.max_months) : "any") + " months";
      std::string whose = &age == &d.age ? "" : " by " + std::string(reporter_code(*a.reporter)) + " report";
      r.warnings.push_back("age " + std::to_string(*a.age_months) + " months is outside the validated range of " +
                           d.name + whose + " (" + range + (age.note.empty() ? "" : "; " + age.note) + ")");
    }
  }
  return r;
}

}  // namespace relief::instruments
