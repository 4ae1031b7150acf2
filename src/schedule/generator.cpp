#include "schedule/generator.hpp"

#include <algorithm>
#include <iterator>
#include <random>
#include <stdexcept>

#include "core/time.hpp"

namespace relief::schedule {
namespace {

struct Role {
  const char* discipline;
  std::vector<std::string> qualifications;
  int max_sessions;
};

// The order staff are added in: a unit of 13 has one of every role; bigger units repeat it,
// so the therapies patients need most (PT, OT, psychology) grow fastest.
// Synthetic names, so the board and the family sheets read as they would on a real unit. Drawn
// by position, not from the random stream, so a seed gives the same unit as before names existed.
const char* const kSurnames[] = {"Okafor", "Alvarez", "Nguyen", "Kowalski", "Haddad", "Brennan", "Sato", "Mensah",
                                 "Lindqvist", "Patel", "Rossi", "Dubois", "Cohen", "Ivanova", "Mwangi", "Tanaka",
                                 "O'Neill", "Fischer", "Santos", "Kaur", "Moreau", "Yilmaz", "Park", "Novak",
                                 "Adeyemi", "Larsen", "Quinn", "Hernandez", "Walsh", "Chen", "Ahmed", "Murphy",
                                 "Silva", "Berg", "Farouk", "Jensen", "Romero", "Baker", "Kim", "Osei"};
const char* const kGivenNames[] = {"Ada", "Ben", "Chloe", "Dev", "Elif", "Finn", "Grace", "Hugo", "Isla", "Jonah",
                                   "Kiara", "Leo", "Maya", "Noah", "Olivia", "Priya", "Quentin", "Rosa", "Sami",
                                   "Tess", "Umar", "Vera", "Wes", "Ximena", "Yusuf", "Zara", "Aiden", "Bea",
                                   "Caleb", "Daria", "Emeka", "Freya", "Gabriel", "Hana", "Ibrahim", "Juno",
                                   "Kai", "Lina", "Mateo", "Nia"};
constexpr int kNames = 40;
static_assert(std::size(kSurnames) == kNames && std::size(kGivenNames) == kNames);

std::string staff_name(int k) {  // distinct for the first 1,040 staff (15 and 26 are coprime)
  char initial = static_cast<char>('A' + (k % kNames + 15 * (k / kNames)) % 26);
  return std::string(1, initial) + ". " + kSurnames[k % kNames];
}
std::string child_name(int p) {
  return std::string(kGivenNames[p % kNames]) + " " + kSurnames[(7 * p + p / kNames + 3) % kNames];
}

const std::vector<Role>& role_cycle() {
  static const std::vector<Role> cycle{
      {"PT", {"PT", "group-PT"}, 7},          {"OT", {"OT"}, 6},
      {"psychology", {"psychotherapy"}, 5},   {"PT", {"PT", "group-PT"}, 7},
      {"school", {"school"}, 4},              {"recreation", {"recreation", "wellness"}, 6},
      {"acupuncture", {"acupuncture"}, 8},    {"child life", {"child-life"}, 8},
      {"psychology", {"psychotherapy"}, 5},   {"OT", {"OT"}, 6},
      {"PT", {"PT", "group-PT"}, 7},          {"wellness", {"wellness", "recreation"}, 6},
      {"acupuncture", {"acupuncture"}, 6},  // a trainee of the first acupuncturist
  };
  return cycle;
}

Window every_day(int from, int to, const std::string& label = "") { return Window{kEveryDay, from, to, label}; }

}  // namespace

Instance generate_instance(const GeneratorOptions& o) {
  if (o.patients < 1 || o.patients > 200) throw std::invalid_argument("patients must be between 1 and 200");
  if (o.staff < 8 || o.staff > 400)
    throw std::invalid_argument("staff must be between 8 and 400 (a unit needs every discipline)");
  if (o.days < 1 || o.days > 7) throw std::invalid_argument("days must be between 1 and 7");
  std::mt19937_64 rng(o.seed);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };

  Instance in;
  in.slot_minutes = 15;
  in.day_start_minutes = 8 * 60;
  in.slots_per_day = 38;  // 08:00-17:30
  in.days = o.days;
  const char* names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (int d = 0; d < o.days; ++d) in.day_names.push_back(names[d]);
  if (!o.week_of.empty()) {  // the unit's week runs from the Monday on or before that date
    auto date = parse_date(o.week_of);
    if (!date) throw std::invalid_argument("week of: \"" + o.week_of + "\" is not a date; write it as yyyy-mm-dd");
    for (int d = 0; d < o.days; ++d) in.dates.push_back(format_date(add_days(*date, d - weekday(*date))));
  }
  const int weekdays = std::min(o.days, 5);
  auto slot = [](int hour, int minute) { return ((hour - 8) * 60 + minute) / 15; };
  in.unit_blocks.push_back(every_day(slot(12, 0), slot(13, 0), "Lunch"));

  in.activities = {
      {"PT", "PT", 4, 1, {"gym"}},
      {"OT", "OT", 4, 1, {"therapy"}},
      {"psychotherapy", "psychology", 4, 1, {"therapy"}},
      {"acupuncture", "acupuncture", 2, 1, {"acupuncture"}},
      {"child-life", "child life", 2, 1, {"playroom"}},
      {"school", "school", 4, 1, {"classroom"}},
      {"group-PT", "PT", 4, 1, {"gym"}},
      {"recreation", "recreation", 2, 1, {"recreation"}},
      {"wellness", "wellness", 2, 1, {"recreation", "gym"}},
  };

  // Staff.
  int counts[16] = {};
  std::string first_acupuncturist;
  int therapy_staff = 0;
  for (int k = 0; k < o.staff; ++k) {
    const auto& role = role_cycle()[k % role_cycle().size()];
    Staff s;
    std::string disc = role.discipline;
    int n = ++counts[k % role_cycle().size()];
    std::string tag = disc == "child life" ? "cl" : disc == "psychology" ? "psy" : disc == "acupuncture" ? "acu"
                      : disc == "recreation" ? "rec" : disc == "wellness" ? "well" : disc == "school" ? "teach" : disc;
    std::transform(tag.begin(), tag.end(), tag.begin(), ::tolower);
    s.id = tag + std::to_string(k + 1);
    s.name = staff_name(k);
    s.discipline = disc;
    s.qualifications = role.qualifications;
    s.max_sessions_per_day = role.max_sessions;
    bool trainee = k % role_cycle().size() == 12;
    if (trainee && !first_acupuncturist.empty()) {
      s.supervisor = first_acupuncturist;
      s.id = "acu-trainee" + std::to_string(k + 1);
      s.name = staff_name(k) + " (trainee)";
    }
    if (disc == "acupuncture" && first_acupuncturist.empty()) first_acupuncturist = s.id;
    if (disc == "OT" || disc == "psychology") ++therapy_staff;
    // Staggered shifts; a third of PT/OT/recreation also cover the weekend mornings.
    bool late = chance(0.3);
    for (int d = 0; d < o.days; ++d) {
      if (d < 5)
        s.hours.push_back(late ? Window{d, slot(9, 0), slot(17, 30), ""} : Window{d, slot(8, 0), slot(16, 30), ""});
      else if ((disc == "PT" || disc == "OT" || disc == "recreation") && n % 3 == 1)
        s.hours.push_back(Window{d, slot(9, 0), slot(13, 0), ""});
    }
    s.breaks.push_back(chance(0.5) ? every_day(slot(12, 0), slot(12, 30), "Lunch break")
                                   : every_day(slot(12, 30), slot(13, 0), "Lunch break"));
    in.staff.push_back(s);
  }
  (void)counts;

  // Rooms.
  int per12 = (o.patients + 11) / 12;
  auto numbered = [](const std::string& id, const std::string& name, int k) {
    return std::pair{id + std::to_string(k), name + " " + std::to_string(k)};
  };
  auto add_room = [&](std::pair<std::string, std::string> id_name, const std::string& kind, int capacity) {
    in.rooms.push_back({id_name.first, kind, capacity, id_name.second});
  };
  for (int g = 0; g < per12; ++g) add_room(numbered("gym", "Gym", g + 1), "gym", 6);
  for (int t = 0; t < std::max(2, therapy_staff); ++t) add_room(numbered("therapy", "Therapy room", t + 1), "therapy", 1);
  for (int c = 0; c < (o.patients + 7) / 8; ++c) add_room(numbered("classroom", "Classroom", c + 1), "classroom", 8);
  add_room({"acupuncture", "Acupuncture room"}, "acupuncture", 2);
  add_room({"playroom", "Playroom"}, "playroom", 4);
  for (int g = 0; g < per12; ++g) add_room(numbered("recreation", "Recreation room", g + 1), "recreation", 12);
  // 555-01xx numbers are reserved for fiction: nobody is called from a demo family sheet.
  in.unit_name = "Pain Rehabilitation Unit (synthetic)";
  in.unit_phone = "555-0142";


  // Weekly doses are for a five-day week; shorter horizons get their share, rounded at random
  // so that a one-day unit carries a typical day's load, not every weekly therapy at once.
  auto share = [&](int per_five_days) {
    double exact = per_five_days * weekdays / 5.0;
    int whole = static_cast<int>(exact);
    return whole + (chance(exact - whole) ? 1 : 0);
  };
  // Patients and their individual prescriptions.
  for (int p = 0; p < o.patients; ++p) {
    Patient pt;
    char id[16];
    std::snprintf(id, sizeof id, "p%02d", p + 1);
    pt.id = id;
    pt.name = child_name(p);
    pt.min_gap = chance(0.3) ? 1 : 0;
    pt.max_consecutive = 3;
    pt.preferences.push_back({"school", slot(13, 0), slot(14, 0)});
    if (chance(0.4)) pt.preferences.push_back({"PT", slot(8, 0), slot(12, 0)});
    if (chance(0.15)) pt.blocks.push_back(Window{static_cast<int>(rng() % o.days), slot(9, 0), slot(10, 30), "Procedure off the unit"});
    in.patients.push_back(pt);
    auto add = [&](const std::string& act, int per_week, int max_per_day) {
      if (per_week > 0) in.prescriptions.push_back({pt.id + "-" + act, act, {pt.id}, per_week, max_per_day, ""});
    };
    add("PT", chance(0.7) ? 2 * weekdays : weekdays, 2);
    add("OT", weekdays, 1);
    add("psychotherapy", weekdays, 1);
    if (chance(0.6)) add("acupuncture", share(2), 1);
    add("child-life", share(2), 1);
  }
  // Group prescriptions: cohorts in admission order.
  auto cohorts = [&](const std::string& act, int size, int per_week) {
    for (int first = 0, c = 1; first < o.patients; first += size, ++c) {
      Prescription rx;
      rx.id = act + "-" + std::to_string(c);
      rx.activity = act;
      for (int p = first; p < std::min(o.patients, first + size); ++p) rx.patients.push_back(in.patients[p].id);
      rx.per_week = per_week;
      if (per_week == 0) continue;
      rx.max_per_day = 1;
      in.prescriptions.push_back(rx);
    }
  };
  cohorts("school", 8, weekdays);
  cohorts("group-PT", 6, share(3));
  cohorts("recreation", 12, share(3));
  cohorts("wellness", 12, o.days);
  return in;
}

}  // namespace relief::schedule
