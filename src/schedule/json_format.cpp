#include "schedule/json_format.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/time.hpp"
#include "schedule/instance_check.hpp"

namespace relief::schedule {
namespace json = boost::json;
namespace {

// Reads fields of one object, collecting problems instead of stopping at the first, so a
// coordinator fixing a hand-written file sees everything wrong at once.
class Reader {
 public:
  std::vector<std::string> problems;

  const json::object* object(const json::value& v, const std::string& path) {
    if (!v.is_object()) {
      problems.push_back(path + ": expected an object");
      return nullptr;
    }
    return &v.as_object();
  }
  const json::array* array(const json::object& o, const std::string& key, const std::string& path,
                           bool required) {
    auto* v = o.if_contains(key);
    if (!v) {
      if (required) problems.push_back(path + "." + key + ": missing");
      return nullptr;
    }
    if (!v->is_array()) {
      problems.push_back(path + "." + key + ": expected an array");
      return nullptr;
    }
    return &v->as_array();
  }
  std::string string(const json::object& o, const std::string& key, const std::string& path, bool required,
                     std::string fallback = "") {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
      if (required) problems.push_back(path + "." + key + ": missing");
      return fallback;
    }
    if (!v->is_string()) {
      problems.push_back(path + "." + key + ": expected a string");
      return fallback;
    }
    return std::string(v->as_string());
  }
  int integer(const json::object& o, const std::string& key, const std::string& path, bool required, int fallback,
              int min, int max) {
    auto* v = o.if_contains(key);
    if (!v) {
      if (required) problems.push_back(path + "." + key + ": missing");
      return fallback;
    }
    if (!v->is_int64() && !v->is_uint64()) {
      problems.push_back(path + "." + key + ": expected an integer");
      return fallback;
    }
    auto n = v->is_int64() ? v->as_int64() : static_cast<std::int64_t>(std::min<std::uint64_t>(v->as_uint64(), 1u << 30));
    if (n < min || n > max) {
      problems.push_back(path + "." + key + ": must be between " + std::to_string(min) + " and " + std::to_string(max));
      return fallback;
    }
    return static_cast<int>(n);
  }
  bool boolean(const json::object& o, const std::string& key, const std::string& path) {
    auto* v = o.if_contains(key);
    if (!v) return false;
    if (!v->is_bool()) {
      problems.push_back(path + "." + key + ": expected true or false");
      return false;
    }
    return v->as_bool();
  }
  std::vector<std::string> strings(const json::object& o, const std::string& key, const std::string& path,
                                   bool required) {
    std::vector<std::string> out;
    auto* a = array(o, key, path, required);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_string())
        problems.push_back(path + "." + key + "[" + std::to_string(i) + "]: expected a string");
      else
        out.emplace_back((*a)[i].as_string());
    }
    return out;
  }
  // A clock time turned into a slot of the instance's day window.
  int slot(const Instance& in, const json::object& o, const std::string& key, const std::string& path) {
    auto text = string(o, key, path, true);
    if (text.empty()) return 0;
    try {
      return slot_of_clock(in, text);
    } catch (const std::invalid_argument& e) {
      problems.push_back(path + "." + key + ": " + e.what());
      return 0;
    }
  }
  int day(const Instance& in, const json::object& o, const std::string& path, bool required) {
    auto* v = o.if_contains("day");
    if (!v) {
      if (required) problems.push_back(path + ".day: missing");
      return kEveryDay;
    }
    if (v->is_string()) {
      for (int d = 0; d < in.days; ++d)
        if (in.day_name(d) == v->as_string()) return d;
      problems.push_back(path + ".day: no day named \"" + std::string(v->as_string()) + "\"");
      return 0;
    }
    return integer(o, "day", path, true, 0, 0, in.days - 1);
  }
  std::vector<Window> windows(const Instance& in, const json::object& o, const std::string& key,
                              const std::string& path) {
    std::vector<Window> out;
    auto* a = array(o, key, path, false);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto p = path + "." + key + "[" + std::to_string(i) + "]";
      auto* w = object((*a)[i], p);
      if (!w) continue;
      Window win;
      win.day = day(in, *w, p, false);
      win.from = slot(in, *w, "from", p);
      win.to = slot(in, *w, "to", p);
      win.label = string(*w, "label", p, false);
      if (win.to <= win.from) problems.push_back(p + ": \"to\" must be after \"from\"");
      out.push_back(win);
    }
    return out;
  }
  int minutes_as_slots(const Instance& in, const json::object& o, const std::string& key, const std::string& path,
                       bool required, int fallback_minutes) {
    int minutes = integer(o, key, path, required, fallback_minutes, 0, 24 * 60);
    if (minutes % in.slot_minutes != 0) {
      problems.push_back(path + "." + key + ": must be a multiple of " + std::to_string(in.slot_minutes) +
                         " minutes");
      return 1;
    }
    return minutes / in.slot_minutes;
  }

  void throw_if_any(const std::string& what) {
    if (problems.empty()) return;
    std::string message = what + " is not valid:";
    for (auto& p : problems) message += "\n  " + p;
    throw FormatError(message);
  }
};

json::object window_json(const Instance& in, const Window& w) {
  json::object o;
  if (w.day != kEveryDay) o["day"] = w.day;
  o["from"] = clock_of_slot(in, w.from);
  o["to"] = clock_of_slot(in, w.to);
  if (!w.label.empty()) o["label"] = w.label;
  return o;
}

json::array strings_json(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

Instance instance_from_json(const json::value& v) {
  Reader r;
  Instance in;
  auto* root = r.object(v, "instance");
  r.throw_if_any("The instance");
  in.slot_minutes = r.integer(*root, "slot_minutes", "instance", false, 15, 5, 60);
  if (60 % in.slot_minutes != 0) r.problems.push_back("instance.slot_minutes: must divide 60");
  // A plan, or an instance of a later format, read as this one would be misread.
  if (auto* f = root->if_contains("format"); f && !(f->is_string() && f->as_string() == "relief-schedule-instance/1"))
    r.problems.push_back("instance.format: this reads \"relief-schedule-instance/1\"");
  in.day_names = r.strings(*root, "days", "instance", true);
  in.days = static_cast<int>(in.day_names.size());
  if (in.days < 1 || in.days > 14) r.problems.push_back("instance.days: give between 1 and 14 day names");
  if (root->contains("dates")) {
    in.dates = r.strings(*root, "dates", "instance", false);
    if (in.dates.size() != in.day_names.size())
      r.problems.push_back("instance.dates: give one date per day name (" + std::to_string(in.days) + "), or none");
    for (std::size_t d = 0; d < in.dates.size(); ++d) {
      auto date = parse_date(in.dates[d]);
      if (!date) {
        r.problems.push_back("instance.dates[" + std::to_string(d) + "]: \"" + in.dates[d] +
                             "\" is not a date; write it as yyyy-mm-dd");
        continue;
      }
      // A day named for a weekday must fall on it: the board says "Mon" and the family's sheet
      // the date, and they must not disagree.
      static const char* const kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
      const int day_of_week = weekday(*date);
      if (d >= in.day_names.size()) continue;
      std::string name = in.day_names[d];
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (int w = 0; w < 7; ++w) {
        const std::string full = kWeekdays[w];
        bool names_it = name.size() >= 3 && full.starts_with(name);
        if (names_it && w != day_of_week)
          r.problems.push_back("instance.dates[" + std::to_string(d) + "]: " + in.dates[d] + " is a " +
                               std::string(1, static_cast<char>(std::toupper(kWeekdays[day_of_week][0]))) +
                               (kWeekdays[day_of_week] + 1) + ", but the day is named \"" + in.day_names[d] + "\"");
      }
    }
  }
  if (auto* u = root->if_contains("unit")) {
    if (!u->is_object()) {
      r.problems.push_back("instance.unit: expected an object with \"name\" and \"phone\"");
    } else {
      in.unit_name = r.string(u->as_object(), "name", "instance.unit", false);
      in.unit_phone = r.string(u->as_object(), "phone", "instance.unit", false);
    }
  }
  // Blocks, hours and pins name their day, so two days of one name would be ambiguous.
  for (int d = 0; d < in.days; ++d)
    for (int e = 0; e < d; ++e)
      if (in.day_names[d] == in.day_names[e])
        r.problems.push_back("instance.days: \"" + in.day_names[d] + "\" is named twice; give each day its own name");
  if (auto* w = root->if_contains("day_window"); w && w->is_object()) {
    try {
      in.day_start_minutes = parse_clock(r.string(w->as_object(), "from", "instance.day_window", true, "08:00"));
      int end = parse_clock(r.string(w->as_object(), "to", "instance.day_window", true, "17:00"));
      int length = end - in.day_start_minutes;
      if (length <= 0 || length % in.slot_minutes != 0)
        r.problems.push_back("instance.day_window: \"to\" must be after \"from\" by whole slots");
      else
        in.slots_per_day = length / in.slot_minutes;
    } catch (const std::invalid_argument& e) {
      r.problems.push_back(std::string("instance.day_window: ") + e.what());
    }
  } else {
    r.problems.push_back("instance.day_window: missing (an object with \"from\" and \"to\")");
  }
  r.throw_if_any("The instance");  // everything below needs the time grid

  in.unit_blocks = r.windows(in, *root, "unit_blocks", "instance");
  if (root->contains("continuity_disciplines"))
    in.continuity_disciplines = r.strings(*root, "continuity_disciplines", "instance", false);

  if (auto* a = r.array(*root, "activities", "instance", true))
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto p = "activities[" + std::to_string(i) + "]";
      auto* o = r.object((*a)[i], p);
      if (!o) continue;
      Activity act;
      act.id = r.string(*o, "id", p, true);
      act.discipline = r.string(*o, "discipline", p, true);
      act.duration = r.minutes_as_slots(in, *o, "minutes", p, true, 60);
      act.staff_needed = r.integer(*o, "staff", p, false, 1, 0, 10);
      act.room_kinds = r.strings(*o, "rooms", p, true);
      in.activities.push_back(act);
    }
  if (auto* a = r.array(*root, "rooms", "instance", true))
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto p = "rooms[" + std::to_string(i) + "]";
      auto* o = r.object((*a)[i], p);
      if (!o) continue;
      Room room;
      room.id = r.string(*o, "id", p, true);
      room.kind = r.string(*o, "kind", p, true);
      room.capacity = r.integer(*o, "capacity", p, false, 1, 1, 1000);
      room.name = r.string(*o, "name", p, false, room.id);
      in.rooms.push_back(room);
    }
  if (auto* a = r.array(*root, "staff", "instance", true))
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto p = "staff[" + std::to_string(i) + "]";
      auto* o = r.object((*a)[i], p);
      if (!o) continue;
      Staff s;
      s.id = r.string(*o, "id", p, true);
      s.name = r.string(*o, "name", p, false, s.id);
      s.discipline = r.string(*o, "discipline", p, true);
      s.qualifications = r.strings(*o, "qualifications", p, true);
      s.hours = r.windows(in, *o, "hours", p);
      s.breaks = r.windows(in, *o, "breaks", p);
      s.max_sessions_per_day = r.integer(*o, "max_sessions_per_day", p, false, 8, 0, 100);
      s.supervisor = r.string(*o, "supervisor", p, false);
      in.staff.push_back(s);
    }
  if (auto* a = r.array(*root, "patients", "instance", true))
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto p = "patients[" + std::to_string(i) + "]";
      auto* o = r.object((*a)[i], p);
      if (!o) continue;
      Patient pt;
      pt.id = r.string(*o, "id", p, true);
      pt.name = r.string(*o, "name", p, false, pt.id);
      pt.blocks = r.windows(in, *o, "blocks", p);
      pt.min_gap = r.minutes_as_slots(in, *o, "min_gap_minutes", p, false, 0);
      pt.max_consecutive = r.integer(*o, "max_consecutive", p, false, 0, 0, 100);
      if (auto* prefs = r.array(*o, "preferences", p, false))
        for (std::size_t k = 0; k < prefs->size(); ++k) {
          auto pp = p + ".preferences[" + std::to_string(k) + "]";
          auto* po = r.object((*prefs)[k], pp);
          if (!po) continue;
          Preference pref;
          pref.activity = r.string(*po, "activity", pp, true);
          pref.from = r.slot(in, *po, "from", pp);
          pref.to = r.slot(in, *po, "to", pp);
          pt.preferences.push_back(pref);
        }
      in.patients.push_back(pt);
    }
  if (auto* a = r.array(*root, "prescriptions", "instance", true))
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto p = "prescriptions[" + std::to_string(i) + "]";
      auto* o = r.object((*a)[i], p);
      if (!o) continue;
      Prescription rx;
      rx.id = r.string(*o, "id", p, true);
      rx.activity = r.string(*o, "activity", p, true);
      rx.patients = r.strings(*o, "patients", p, true);
      rx.per_week = r.integer(*o, "per_week", p, true, 1, 0, 100);
      rx.max_per_day = r.integer(*o, "max_per_day", p, false, 1, 1, 20);
      rx.primary_staff = r.string(*o, "primary_staff", p, false);
      in.prescriptions.push_back(rx);
    }
  r.throw_if_any("The instance");
  r.problems = instance_problems(in);
  // Given in the file (the default, PT and OT, is not checked): a discipline no activity has is
  // a typo, and continuity would silently never apply.
  if (root->contains("continuity_disciplines"))
    for (std::size_t i = 0; i < in.continuity_disciplines.size(); ++i) {
      const auto& d = in.continuity_disciplines[i];
      if (std::none_of(in.activities.begin(), in.activities.end(), [&](const Activity& a) { return a.discipline == d; }))
        r.problems.push_back("instance.continuity_disciplines[" + std::to_string(i) + "]: \"" + d +
                             "\" is the discipline of no activity");
    }
  r.throw_if_any("The instance");
  return in;
}

json::value instance_to_json(const Instance& in) {
  json::object root;
  root["format"] = "relief-schedule-instance/1";
  root["slot_minutes"] = in.slot_minutes;
  root["day_window"] = {{"from", format_clock(in.day_start_minutes)},
                        {"to", format_clock(in.day_start_minutes + in.slots_per_day * in.slot_minutes)}};
  json::array days;
  for (int d = 0; d < in.days; ++d) days.emplace_back(in.day_name(d));
  root["days"] = days;
  if (!in.dates.empty()) root["dates"] = strings_json(in.dates);
  if (!in.unit_name.empty() || !in.unit_phone.empty()) {
    json::object unit;
    if (!in.unit_name.empty()) unit["name"] = in.unit_name;
    if (!in.unit_phone.empty()) unit["phone"] = in.unit_phone;
    root["unit"] = unit;
  }
  json::array blocks;
  for (auto& w : in.unit_blocks) blocks.push_back(window_json(in, w));
  root["unit_blocks"] = blocks;
  // Only the disciplines some activity has: the others change nothing, and a file written here
  // must read back (a given discipline that no activity has is refused as a typo).
  std::vector<std::string> continuity;
  for (auto& d : in.continuity_disciplines)
    if (std::any_of(in.activities.begin(), in.activities.end(), [&](const Activity& a) { return a.discipline == d; }))
      continuity.push_back(d);
  root["continuity_disciplines"] = strings_json(continuity);
  json::array acts;
  for (auto& a : in.activities)
    acts.push_back(json::object{{"id", a.id},
                                {"discipline", a.discipline},
                                {"minutes", a.duration * in.slot_minutes},
                                {"staff", a.staff_needed},
                                {"rooms", strings_json(a.room_kinds)}});
  root["activities"] = acts;
  json::array rooms;
  for (auto& r : in.rooms)
    rooms.push_back(json::object{{"id", r.id}, {"name", r.name.empty() ? r.id : r.name}, {"kind", r.kind}, {"capacity", r.capacity}});
  root["rooms"] = rooms;
  json::array staff;
  for (auto& s : in.staff) {
    json::object o{{"id", s.id}, {"name", s.name}, {"discipline", s.discipline},
                   {"qualifications", strings_json(s.qualifications)}, {"max_sessions_per_day", s.max_sessions_per_day}};
    json::array hours, breaks;
    for (auto& w : s.hours) hours.push_back(window_json(in, w));
    for (auto& w : s.breaks) breaks.push_back(window_json(in, w));
    o["hours"] = hours;
    o["breaks"] = breaks;
    if (s.trainee()) o["supervisor"] = s.supervisor;
    staff.push_back(o);
  }
  root["staff"] = staff;
  json::array patients;
  for (auto& p : in.patients) {
    json::object o{{"id", p.id}, {"name", p.name}, {"min_gap_minutes", p.min_gap * in.slot_minutes},
                   {"max_consecutive", p.max_consecutive}};
    json::array blocks_p, prefs;
    for (auto& w : p.blocks) blocks_p.push_back(window_json(in, w));
    for (auto& pr : p.preferences)
      prefs.push_back(json::object{
          {"activity", pr.activity}, {"from", clock_of_slot(in, pr.from)}, {"to", clock_of_slot(in, pr.to)}});
    o["blocks"] = blocks_p;
    o["preferences"] = prefs;
    patients.push_back(o);
  }
  root["patients"] = patients;
  json::array rxs;
  for (auto& rx : in.prescriptions) {
    json::object o{{"id", rx.id}, {"activity", rx.activity}, {"patients", strings_json(rx.patients)},
                   {"per_week", rx.per_week}, {"max_per_day", rx.max_per_day}};
    if (!rx.primary_staff.empty()) o["primary_staff"] = rx.primary_staff;
    rxs.push_back(o);
  }
  root["prescriptions"] = rxs;
  return root;
}

// A plan also carries, for people, what follows from its prescription and start: the activity,
// the children, the end and the day's name. The solver ignores them, but the board and the family
// sheets show them, so a plan edited by hand where they no longer agree is refused rather than
// printed as a day nobody planned (an outside test gave an OT session "acupuncture", another
// child and two hours, and the family sheet printed it).
static void check_what_people_read(const Instance& in, const json::object& o, const Session& s, const std::string& path,
                            std::vector<std::string>& problems) {
  int rx = in.prescription_index(s.prescription);
  if (rx < 0) return;  // named by the validator and the solver
  const auto& p = in.prescriptions[rx];
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->as_string());
  };
  auto disagree = [&](const char* key, const std::string& said, const std::string& is) {
    problems.push_back(path + "." + key + ": \"" + said + "\", but " + is + "; correct it or leave it out");
  };
  if (auto a = text("activity"); a && *a != p.activity)
    disagree("activity", *a, "prescription " + p.id + " is " + p.activity);
  if (auto* v = o.if_contains("patients"); v && v->is_array()) {
    std::vector<std::string> said;
    for (auto& x : v->as_array())
      if (x.is_string()) said.emplace_back(x.as_string());
    if (said != p.patients) {
      std::string is;
      for (auto& id : p.patients) is += (is.empty() ? "" : ", ") + id;
      problems.push_back(path + ".patients: not the children of prescription " + p.id + " (" + is +
                         "); correct it or leave it out");
    }
  }
  int a = in.activity_index(p.activity);
  if (auto end = text("end"); end && a >= 0 && *end != clock_of_slot(in, s.start + in.activities[a].duration))
    disagree("end", *end, "a " + p.activity + " session from " + clock_of_slot(in, s.start) + " ends at " +
                              clock_of_slot(in, s.start + in.activities[a].duration));
  if (auto name = text("day_name"); name && s.day >= 0 && s.day < in.days && *name != in.day_name(s.day))
    disagree("day_name", *name, "day " + std::to_string(s.day) + " is " + in.day_name(s.day));
}

Plan plan_from_json(const Instance& in, const json::value& v) {
  Reader r;
  Plan plan;
  auto* root = r.object(v, "plan");
  r.throw_if_any("The plan");
  plan.status = r.string(*root, "status", "plan", false);
  if (auto* a = r.array(*root, "sessions", "plan", true))
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto p = "sessions[" + std::to_string(i) + "]";
      auto* o = r.object((*a)[i], p);
      if (!o) continue;
      Session s;
      s.prescription = r.string(*o, "prescription", p, true);
      s.day = r.day(in, *o, p, true);
      s.start = r.slot(in, *o, "start", p);
      s.staff = r.strings(*o, "staff", p, true);
      s.supervisors = r.strings(*o, "supervisors", p, false);
      s.room = r.string(*o, "room", p, true);
      s.pinned = r.boolean(*o, "pinned", p);
      check_what_people_read(in, *o, s, p, r.problems);
      plan.sessions.push_back(s);
    }
  if (auto* g = root->if_contains("given_until")) {
    if (auto* o = r.object(*g, "given_until")) plan.given_until = Moment{r.day(in, *o, "given_until", true), r.slot(in, *o, "time", "given_until")};
  }
  r.throw_if_any("The plan");
  return plan;
}

json::value plan_to_json(const Instance& in, const Plan& plan) {
  json::object root;
  root["format"] = "relief-schedule-plan/1";
  if (!plan.status.empty()) root["status"] = plan.status;
  if (plan.objective >= 0) root["objective"] = plan.objective;
  if (plan.bound >= 0) root["bound"] = plan.bound;
  json::array sessions;
  for (auto& s : plan.sessions) {
    json::object o;
    o["prescription"] = s.prescription;
    o["day"] = s.day;
    o["day_name"] = in.day_name(s.day);
    o["start"] = clock_of_slot(in, s.start);
    int rx = in.prescription_index(s.prescription);
    if (rx >= 0) {
      const auto& p = in.prescriptions[rx];
      int a = in.activity_index(p.activity);
      if (a >= 0) o["end"] = clock_of_slot(in, s.start + in.activities[a].duration);
      o["activity"] = p.activity;
      o["patients"] = strings_json(p.patients);
    }
    o["staff"] = strings_json(s.staff);
    if (!s.supervisors.empty()) o["supervisors"] = strings_json(s.supervisors);
    o["room"] = s.room;
    if (s.pinned) o["pinned"] = true;
    sessions.push_back(o);
  }
  root["sessions"] = sessions;
  json::array shortfalls;
  for (auto& sf : plan.shortfalls)
    shortfalls.push_back(
        json::object{{"prescription", sf.prescription}, {"prescribed", sf.prescribed}, {"placed", sf.placed}});
  root["shortfalls"] = shortfalls;
  if (!plan.moved.empty()) root["moved"] = strings_json(plan.moved);
  if (plan.given_until)
    root["given_until"] = json::object{{"day", plan.given_until->day},
                                       {"day_name", in.day_name(plan.given_until->day)},
                                       {"time", clock_of_slot(in, plan.given_until->slot)}};
  return root;
}

json::value read_json_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw FormatError("cannot read " + path);
  std::stringstream buffer;
  buffer << file.rdbuf();
  boost::system::error_code ec;
  auto v = json::parse(buffer.str(), ec);
  if (ec) throw FormatError(path + ": not JSON (" + ec.message() + ")");
  return v;
}

std::string to_pretty_json(const json::value& v) {
  // One session per line keeps plans readable and diffable without a pretty-printer dependency.
  std::string out;
  if (v.is_object()) {
    out += "{\n";
    bool first = true;
    for (auto& [key, value] : v.as_object()) {
      if (!first) out += ",\n";
      first = false;
      out += "  " + json::serialize(json::value(key)) + ": ";
      if (value.is_array() && !value.as_array().empty()) {
        out += "[\n";
        auto& a = value.as_array();
        for (std::size_t i = 0; i < a.size(); ++i) out += "    " + json::serialize(a[i]) + (i + 1 < a.size() ? ",\n" : "\n");
        out += "  ]";
      } else {
        out += json::serialize(value);
      }
    }
    out += "\n}\n";
    return out;
  }
  return json::serialize(v) + "\n";
}

}  // namespace relief::schedule
