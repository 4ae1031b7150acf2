#include "schedule/validator.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace relief::schedule {
namespace {

struct Checker {
  const Instance& in;
  const Plan& plan;
  ValidationReport report;

  void violate(const std::string& rule, const std::string& message) { report.violations.push_back({rule, message}); }

  std::string where(const Session& s) const {
    return s.prescription + " on " + in.day_name(s.day) + " at " + clock_of_slot(in, s.start);
  }

  bool staff_free(const Staff& st, int day, int from, int to) const {
    for (int t = from; t < to; ++t) {
      bool on = std::any_of(st.hours.begin(), st.hours.end(), [&](const Window& w) { return w.covers(day, t); });
      bool on_break = std::any_of(st.breaks.begin(), st.breaks.end(), [&](const Window& w) { return w.covers(day, t); });
      if (!on || on_break) return false;
    }
    return true;
  }

  bool patient_blocked(const Patient& p, int day, int slot) const {
    auto hit = [&](const Window& w) { return w.covers(day, slot); };
    return std::any_of(in.unit_blocks.begin(), in.unit_blocks.end(), hit) ||
           std::any_of(p.blocks.begin(), p.blocks.end(), hit);
  }

  // Sessions whose references resolve; the rest are reported once and then ignored.
  struct Resolved {
    const Session* s;
    const Prescription* rx;
    const Activity* act;
    int end;
  };
  std::vector<Resolved> resolve() {
    std::vector<Resolved> out;
    for (auto& s : plan.sessions) {
      int rx = in.prescription_index(s.prescription);
      if (rx < 0) {
        violate("unknown-prescription", "session of unknown prescription \"" + s.prescription + "\"");
        continue;
      }
      const auto& p = in.prescriptions[rx];
      const auto& act = in.activities[in.activity_index(p.activity)];
      if (s.day < 0 || s.day >= in.days) {
        violate("day-window", "session of " + s.prescription + " on a day outside the horizon");
        continue;
      }
      if (s.start < 0 || s.start + act.duration > in.slots_per_day) {
        violate("day-window", where(s) + " does not fit inside the day window");
        continue;
      }
      out.push_back({&s, &p, &act, s.start + act.duration});
    }
    return out;
  }

  void check_people_and_rooms(const std::vector<Resolved>& sessions) {
    for (auto& r : sessions) {
      const Session& s = *r.s;
      if (static_cast<int>(s.staff.size()) != r.act->staff_needed)
        violate("staffing", where(s) + " has " + std::to_string(s.staff.size()) + " staff, needs " +
                                std::to_string(r.act->staff_needed));
      std::set<std::string> needed_supervisors;
      for (auto& id : s.staff) {
        int k = in.staff_index(id);
        if (k < 0) {
          violate("unknown-staff", where(s) + " names unknown staff \"" + id + "\"");
          continue;
        }
        const auto& st = in.staff[k];
        if (std::find(st.qualifications.begin(), st.qualifications.end(), r.rx->activity) == st.qualifications.end())
          violate("qualification", where(s) + ": " + st.id + " is not qualified for " + r.rx->activity);
        if (st.trainee()) needed_supervisors.insert(st.supervisor);
      }
      // The supervisor is with the trainee as a supervisor, or leading the same session.
      for (auto& sup : needed_supervisors)
        if (std::find(s.supervisors.begin(), s.supervisors.end(), sup) == s.supervisors.end() &&
            std::find(s.staff.begin(), s.staff.end(), sup) == s.staff.end())
          violate("supervision", where(s) + ": a trainee leads without supervisor " + sup);
      std::set<std::string> everyone(s.staff.begin(), s.staff.end());
      for (auto& id : s.supervisors) {
        if (in.staff_index(id) < 0) violate("unknown-staff", where(s) + " names unknown supervisor \"" + id + "\"");
        if (!everyone.insert(id).second) violate("staffing", where(s) + " lists " + id + " twice");
      }
      if (everyone.size() != s.staff.size() + s.supervisors.size()) violate("staffing", where(s) + " lists a person twice");
      for (auto& id : everyone) {
        int k = in.staff_index(id);
        if (k >= 0 && !staff_free(in.staff[k], s.day, s.start, r.end))
          violate("staff-availability", where(s) + ": " + id + " is not on the unit or on a break");
      }
      int room = in.room_index(s.room);
      if (room < 0) {
        violate("unknown-room", where(s) + " is in unknown room \"" + s.room + "\"");
      } else if (std::find(r.act->room_kinds.begin(), r.act->room_kinds.end(), in.rooms[room].kind) ==
                 r.act->room_kinds.end()) {
        violate("room-kind", where(s) + " cannot take place in " + s.room);
      }
      for (auto& pid : r.rx->patients) {
        const auto& p = in.patients[in.patient_index(pid)];
        for (int t = s.start; t < r.end; ++t)
          if (patient_blocked(p, s.day, t)) {
            violate("patient-block", where(s) + " overlaps a fixed block of " + pid);
            break;
          }
      }
    }
  }

  void check_overlaps(const std::vector<Resolved>& sessions) {
    // Occupancy per (day, slot): who and what is used by how many sessions.
    std::map<std::tuple<int, int, std::string>, int> staff_use, room_use;
    for (auto& r : sessions) {
      int room = in.room_index(r.s->room);
      // Each person once per session: one listed twice in the same session is the staffing
      // rule's finding ("lists X twice"), not two sessions at once.
      std::set<std::string> people(r.s->staff.begin(), r.s->staff.end());
      people.insert(r.s->supervisors.begin(), r.s->supervisors.end());
      for (int t = r.s->start; t < r.end; ++t) {
        for (auto& id : people) ++staff_use[{r.s->day, t, id}];
        if (room >= 0) room_use[{r.s->day, t, r.s->room}] += static_cast<int>(r.rx->patients.size());
      }
    }
    std::set<std::pair<int, std::string>> reported;
    for (auto& [key, count] : staff_use)
      if (count > 1 && reported.insert({std::get<0>(key), std::get<2>(key)}).second)
        violate("staff-overlap", std::get<2>(key) + " is in two sessions at once on " + in.day_name(std::get<0>(key)) +
                                     " at " + clock_of_slot(in, std::get<1>(key)));
    reported.clear();
    for (auto& [key, used] : room_use) {
      const auto& room = in.rooms[in.room_index(std::get<2>(key))];
      if (used > room.capacity && reported.insert({std::get<0>(key), room.id}).second)
        violate("room-capacity", room.id + " holds " + std::to_string(used) + " patients on " +
                                     in.day_name(std::get<0>(key)) + " at " + clock_of_slot(in, std::get<1>(key)) +
                                     ", capacity " + std::to_string(room.capacity));
    }
  }

  // Per patient and day: overlaps, rest gaps, back-to-back runs, and the idle holes (soft).
  void check_patient_days(const std::vector<Resolved>& sessions) {
    std::map<std::pair<std::string, int>, std::vector<const Resolved*>> days;
    for (auto& r : sessions)
      for (auto& pid : r.rx->patients) days[{pid, r.s->day}].push_back(&r);
    for (auto& [key, list] : days) {
      const auto& p = in.patients[in.patient_index(key.first)];
      std::sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->s->start < b->s->start; });
      int run = 1;
      for (std::size_t i = 1; i < list.size(); ++i) {
        const auto* prev = list[i - 1];
        const auto* next = list[i];
        if (next->s->start < prev->end) {
          violate("patient-overlap", p.id + " is in two sessions at once: " + where(*prev->s) + " and " + where(*next->s));
        } else if (next->s->start < prev->end + p.min_gap) {
          violate("rest-gap", p.id + " gets less than the rest gap after " + where(*prev->s));
        }
        run = next->s->start == prev->end ? run + 1 : 1;
        if (p.max_consecutive > 0 && run == p.max_consecutive + 1)
          violate("consecutive", p.id + " has more than " + std::to_string(p.max_consecutive) +
                                     " sessions back to back, up to " + where(*next->s));
      }
      int first = list.front()->s->start;
      int last = 0;
      std::vector<bool> busy(in.slots_per_day, false);
      for (auto* r : list) {
        last = std::max(last, r->end);
        for (int t = r->s->start; t < r->end; ++t) busy[t] = true;
      }
      for (int t = first; t < last; ++t)
        if (!busy[t] && !patient_blocked(p, key.second, t)) ++report.costs.idle_slots;
    }
  }

  void check_doses_and_limits(const std::vector<Resolved>& sessions) {
    std::map<std::string, int> placed;
    std::map<std::pair<std::string, int>, int> per_day;
    std::map<std::pair<std::string, int>, int> staff_day;
    for (auto& r : sessions) {
      ++placed[r.rx->id];
      ++per_day[{r.rx->id, r.s->day}];
      for (auto& id : r.s->staff) ++staff_day[{id, r.s->day}];
      for (auto& id : r.s->supervisors) ++staff_day[{id, r.s->day}];
    }
    for (auto& [key, n] : per_day) {
      const auto& rx = in.prescriptions[in.prescription_index(key.first)];
      if (n > rx.max_per_day)
        violate("daily-dose", key.first + " has " + std::to_string(n) + " sessions on " + in.day_name(key.second) +
                                  ", at most " + std::to_string(rx.max_per_day) + " allowed");
    }
    for (auto& [key, n] : staff_day) {
      int k = in.staff_index(key.first);
      if (k >= 0 && n > in.staff[k].max_sessions_per_day)
        violate("staff-daily-limit", key.first + " has " + std::to_string(n) + " sessions on " +
                                         in.day_name(key.second) + ", at most " +
                                         std::to_string(in.staff[k].max_sessions_per_day));
    }
    for (auto& rx : in.prescriptions) {
      int n = placed[rx.id];
      if (n > rx.per_week)
        violate("weekly-dose", rx.id + " has " + std::to_string(n) + " sessions, " + std::to_string(rx.per_week) +
                                   " prescribed");
      if (n < rx.per_week) {
        report.costs.dose_shortfall += (rx.per_week - n) * dose_weight(rx);
        report.shortfalls.push_back({rx.id, rx.per_week, n});
      }
    }
    // Fair load: per day and discipline, among staff on the unit that day: free for at least one
    // slot (someone off sick all day has no load to share, and counted as 0 they made the spread).
    for (int d = 0; d < in.days; ++d) {
      std::map<std::string, std::pair<int, int>> range;  // discipline -> (min, max)
      for (auto& st : in.staff) {
        bool on_unit = false;
        for (int t = 0; t < in.slots_per_day && !on_unit; ++t) {
          auto at = [&](const Window& w) { return (w.day == kEveryDay || w.day == d) && w.from <= t && t < w.to; };
          on_unit = std::any_of(st.hours.begin(), st.hours.end(), at) && std::none_of(st.breaks.begin(), st.breaks.end(), at);
        }
        if (!on_unit) continue;
        int n = staff_day.count({st.id, d}) ? staff_day[{st.id, d}] : 0;
        auto [it, fresh] = range.try_emplace(st.discipline, n, n);
        if (!fresh) it->second = {std::min(it->second.first, n), std::max(it->second.second, n)};
      }
      for (auto& [disc, mm] : range) report.costs.load_spread += mm.second - mm.first;
    }
  }

  void check_continuity_and_preferences(const std::vector<Resolved>& sessions) {
    std::map<std::pair<std::string, std::string>, std::map<std::string, int>> leads;  // (patient, discipline)
    for (auto& r : sessions) {
      const auto& disc = r.act->discipline;
      bool tracked = std::find(in.continuity_disciplines.begin(), in.continuity_disciplines.end(), disc) !=
                     in.continuity_disciplines.end();
      if (tracked && r.rx->patients.size() == 1 && r.s->staff.size() == 1)
        ++leads[{r.rx->patients[0], disc}][r.s->staff[0]];
      // Several windows for one activity ("school at 08:00 or at 11:00") are alternatives: a
      // session inside any of them costs nothing, one outside them all costs once per child.
      for (auto& pid : r.rx->patients) {
        const auto& p = in.patients[in.patient_index(pid)];
        bool wanted = false, inside = false;
        for (auto& pref : p.preferences)
          if (pref.activity == r.rx->activity) {
            wanted = true;
            inside = inside || (pref.from <= r.s->start && r.end <= pref.to);
          }
        if (wanted && !inside) ++report.costs.preference;
      }
    }
    // The main therapist is the one the prescription names, else whoever leads most of them.
    std::map<std::pair<std::string, std::string>, std::string> named;
    for (auto& rx : in.prescriptions)
      if (!rx.primary_staff.empty() && rx.patients.size() == 1)
        named[{rx.patients[0], in.activities[in.activity_index(rx.activity)].discipline}] = rx.primary_staff;
    for (auto& [key, counts] : leads) {
      int total = 0, most = 0;
      for (auto& [id, n] : counts) {
        total += n;
        most = std::max(most, n);
      }
      if (auto it = named.find(key); it != named.end()) most = counts.count(it->second) ? counts[it->second] : 0;
      report.costs.continuity += total - most;
    }
  }
};

}  // namespace

ValidationReport validate_plan(const Instance& in, const Plan& plan) {
  Checker c{in, plan, {}};
  auto sessions = c.resolve();
  c.check_people_and_rooms(sessions);
  c.check_overlaps(sessions);
  c.check_patient_days(sessions);
  c.check_doses_and_limits(sessions);
  c.check_continuity_and_preferences(sessions);
  return c.report;
}

}  // namespace relief::schedule
