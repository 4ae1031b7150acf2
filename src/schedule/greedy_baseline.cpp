#include "schedule/greedy_baseline.hpp"

#include <algorithm>
#include <map>

#include "schedule/availability.hpp"
#include "schedule/plan_assembly.hpp"
#include "schedule/validator.hpp"

namespace relief::schedule {
namespace {

struct Interval {
  int from, to;
};

bool overlaps(const std::vector<Interval>& busy, int from, int to) {
  return std::any_of(busy.begin(), busy.end(), [&](const Interval& i) { return from < i.to && i.from < to; });
}

// Would adding [from, to) keep the patient's day legal: no overlap, rest gaps, run limit?
bool patient_fits(const Patient& p, std::vector<Interval> day, int from, int to) {
  for (auto& i : day)
    if (from < i.to + p.min_gap && i.from < to + p.min_gap) return false;
  if (p.max_consecutive <= 0) return true;
  day.push_back({from, to});
  std::sort(day.begin(), day.end(), [](auto& a, auto& b) { return a.from < b.from; });
  int run = 1;
  for (std::size_t k = 1; k < day.size(); ++k) {
    run = day[k].from == day[k - 1].to ? run + 1 : 1;
    if (run > p.max_consecutive) return false;
  }
  return true;
}

}  // namespace

Plan greedy_plan(const Instance& in) {
  Plan plan;
  const int R = static_cast<int>(in.prescriptions.size());
  // Even shares: one session per day per pass, on days someone qualified works.
  std::vector<std::vector<int>> count(R, std::vector<int>(in.days, 0));
  for (int r = 0; r < R; ++r) {
    const auto& rx = in.prescriptions[r];
    auto staff = qualified_staff(in, rx.activity);
    int left = rx.per_week;
    for (bool progress = true; left > 0 && progress;) {
      progress = false;
      for (int d = 0; d < in.days && left > 0; ++d) {
        bool someone = std::any_of(staff.begin(), staff.end(), [&](int s) { return staff_works_on(in.staff[s], d); });
        if (someone && count[r][d] < rx.max_per_day) ++count[r][d], --left, progress = true;
      }
    }
  }
  for (int d = 0; d < in.days; ++d) {
    std::vector<int> order;
    for (int r = 0; r < R; ++r)
      for (int k = 0; k < count[r][d]; ++k) order.push_back(r);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return in.prescriptions[a].patients.size() > in.prescriptions[b].patients.size();
    });
    std::map<int, std::vector<Interval>> patient_busy, staff_busy;
    std::map<int, int> staff_sessions;
    std::map<int, std::vector<int>> room_use;  // room -> patients per slot
    for (int r : order) {
      const auto& rx = in.prescriptions[r];
      const auto& act = in.activities[in.activity_index(rx.activity)];
      std::vector<int> patients;
      for (auto& id : rx.patients) patients.push_back(in.patient_index(id));
      auto staff = qualified_staff(in, rx.activity);
      auto rooms = suitable_rooms(in, rx);
      int usage = static_cast<int>(patients.size());
      bool placed = false;
      for (int t = 0; t + act.duration <= in.slots_per_day && !placed; ++t) {
        int end = t + act.duration;
        bool ok = std::all_of(patients.begin(), patients.end(), [&](int p) {
          for (int x = t; x < end; ++x)
            if (patient_blocked_at(in, in.patients[p], d, x)) return false;
          return patient_fits(in.patients[p], patient_busy[p], t, end);
        });
        if (!ok) continue;
        auto person_free = [&](int s) {
          for (int x = t; x < end; ++x)
            if (!staff_free_at(in.staff[s], d, x)) return false;
          return !overlaps(staff_busy[s], t, end) && staff_sessions[s] < in.staff[s].max_sessions_per_day;
        };
        std::vector<int> leads;
        for (int s : staff) {
          if (static_cast<int>(leads.size()) == act.staff_needed) break;
          if (!person_free(s)) continue;
          if (in.staff[s].trainee() && !person_free(in.staff_index(in.staff[s].supervisor))) continue;
          leads.push_back(s);
        }
        if (static_cast<int>(leads.size()) < act.staff_needed) continue;
        int chosen = -1;
        for (int room : rooms) {
          auto& use = room_use[room];
          use.resize(in.slots_per_day, 0);
          bool fits = true;
          for (int x = t; x < end; ++x) fits = fits && use[x] + usage <= in.rooms[room].capacity;
          if (fits) {
            chosen = room;
            break;
          }
        }
        if (chosen < 0) continue;
        for (int x = t; x < end; ++x) room_use[chosen][x] += usage;
        for (int p : patients) patient_busy[p].push_back({t, end});
        for (int s : leads) {
          staff_busy[s].push_back({t, end});
          ++staff_sessions[s];
          if (in.staff[s].trainee()) {
            int sup = in.staff_index(in.staff[s].supervisor);
            staff_busy[sup].push_back({t, end});
            ++staff_sessions[sup];
          }
        }
        plan.sessions.push_back(session_of(in, r, d, Placement{t, leads, chosen}, false));
        placed = true;
      }
    }
  }
  auto report = validate_plan(in, plan);
  plan.status = "baseline";
  plan.objective = report.costs.weighted();
  plan.shortfalls = report.shortfalls;
  return plan;
}

}  // namespace relief::schedule
