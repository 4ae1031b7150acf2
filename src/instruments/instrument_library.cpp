#include "instruments/instrument_library.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <cctype>

#include "core/errors.hpp"
#include "instruments/definition_parser.hpp"
#include "instruments/json_merge_patch.hpp"

namespace relief::instruments {
namespace {

namespace json = boost::json;

std::string text_of(const json::object& o, const char* key) {
  auto found = o.find(key);
  return found != o.end() && found->value().is_string() ? std::string(found->value().get_string()) : "";
}

// The patch of one option of one setting, or null when the option has none.
const json::value* option_patch(const json::value& raw, const std::string& setting, const std::string& option) {
  const auto* settings = raw.as_object().if_contains("settings");
  if (!settings || !settings->is_object()) return nullptr;
  const auto* s = settings->as_object().if_contains(setting);
  if (!s || !s->is_object()) return nullptr;
  const auto* options = s->as_object().if_contains("options");
  if (!options || !options->is_object()) return nullptr;
  const auto* o = options->as_object().if_contains(option);
  if (!o || !o->is_object()) return nullptr;
  return o->as_object().if_contains("patch");
}

// Every leaf a patch writes, as a JSON-pointer-like path: {"a": {"b": 1}} -> "/a/b".
void leaf_paths(const json::value& v, const std::string& at, std::vector<std::string>& out) {
  if (v.is_object() && !v.get_object().empty()) {
    for (const auto& [key, value] : v.get_object()) leaf_paths(value, at + "/" + std::string(key), out);
  } else {
    out.push_back(at);
  }
}

bool under(const std::string& path, const std::string& prefix) {
  return path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
}

}  // namespace

bool version_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      auto na = std::stoull(a.substr(i, ie - i)), nb = std::stoull(b.substr(j, je - j));
      if (na != nb) return na < nb;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

InstrumentLibrary InstrumentLibrary::load_directory(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir))
    throw DefinitionError(dir.string() + ": not a directory of instrument definitions");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  InstrumentLibrary library;
  for (const auto& file : files) {
    json::value raw;
    try {
      raw = read_json_file(file);
    } catch (const std::invalid_argument& e) {
      throw DefinitionError(e.what());
    }
    library.add(std::move(raw), file.filename().string());
  }
  return library;
}

Definition InstrumentLibrary::resolve(const Entry& e, const std::map<std::string, std::string>& choices,
                                      const std::vector<const Supplement*>& supplements) const {
  json::value v = e.raw;
  json::object chosen;
  if (const auto* settings = e.raw.as_object().if_contains("settings"); settings && settings->is_object()) {
    for (const auto& [key, setting] : settings->as_object()) {
      std::string option = setting.is_object() ? text_of(setting.as_object(), "default") : "";
      if (auto c = choices.find(std::string(key)); c != choices.end()) option = c->second;
      if (const auto* patch = option_patch(e.raw, std::string(key), option)) apply_merge_patch(v, *patch);
      chosen[key] = option;
    }
  }
  for (const auto* s : supplements) apply_merge_patch(v, s->patch);
  v.as_object()["chosen_settings"] = std::move(chosen);
  return parse_definition(v);
}

void InstrumentLibrary::add(json::value raw, const std::string& origin) {
  if (!raw.is_object()) throw DefinitionError(origin + ": a definition is a JSON object");
  Entry e{std::move(raw), origin, {}};
  try {
    e.resolved = resolve(e, {}, {});
    // Every alternative must be a sound definition too, not only the default.
    for (const auto& setting : e.resolved.settings)
      for (const auto& option : setting.options)
        if (option.name != setting.default_option) {
          try {
            resolve(e, {{setting.key, option.name}}, {});
          } catch (const DefinitionError& err) {
            throw DefinitionError(std::string(err.what()) + " (with setting " + setting.key + " = " + option.name + ")");
          }
        }
  } catch (const DefinitionError& err) {
    throw DefinitionError(origin + ": " + err.what());
  }
  auto key = e.resolved.key();
  if (entries_.count(key))
    throw DefinitionError(origin + ": " + key + " is already defined by " + entries_.at(key).origin);
  entries_.emplace(key, std::move(e));
}

void InstrumentLibrary::configure(const SiteSettings& settings) {
  for (const auto& [instrument, choices] : settings.choices) {
    bool known = false;
    for (const auto& [key, e] : entries_) {
      if (e.resolved.id != instrument) continue;
      known = true;
      for (const auto& [setting, option] : choices) {
        const SiteSetting* s = nullptr;
        for (const auto& candidate : e.resolved.settings)
          if (candidate.key == setting) s = &candidate;
        if (!s) {
          std::string keys;
          for (const auto& candidate : e.resolved.settings) keys += (keys.empty() ? "" : ", ") + candidate.key;
          throw std::invalid_argument(instrument + " has no setting '" + setting + "'" +
                                      (keys.empty() ? "" : " (its settings: " + keys + ")"));
        }
        bool valid = false;
        std::string names;
        for (const auto& o : s->options) {
          valid = valid || o.name == option;
          names += (names.empty() ? "" : ", ") + o.name;
        }
        if (!valid)
          throw std::invalid_argument(instrument + " setting '" + setting + "' has no option '" + option +
                                      "' (options: " + names + ")");
      }
    }
    if (!known) throw std::invalid_argument("site settings name an unknown instrument '" + instrument + "'");
  }
  for (const auto& s : settings.supplements) {
    auto found = entries_.find(s.instrument + "@" + s.version);
    if (found == entries_.end())
      throw std::invalid_argument(s.origin + ": no instrument " + s.instrument + " version " + s.version);
    auto allowed = found->second.resolved.site_supplied;
    allowed.push_back("/change");  // local norms for the reliable change index are always the site's
    std::vector<std::string> leaves;
    leaf_paths(s.patch, "", leaves);
    for (const auto& leaf : leaves) {
      bool ok = false;
      for (const auto& prefix : allowed) ok = ok || under(leaf, prefix);
      if (!ok)
        throw std::invalid_argument(s.origin + ": a supplement may not change " + leaf + " of " + s.instrument +
                                    " (a site may supply only what the definition leaves to it)");
    }
  }
  for (auto& [key, e] : entries_) {
    std::map<std::string, std::string> choices;
    if (auto c = settings.choices.find(e.resolved.id); c != settings.choices.end()) choices = c->second;
    std::vector<const Supplement*> supplements;
    for (const auto& s : settings.supplements)
      if (s.instrument + "@" + s.version == key) supplements.push_back(&s);
    try {
      e.resolved = resolve(e, choices, supplements);
    } catch (const DefinitionError& err) {
      throw std::invalid_argument(std::string("site configuration of ") + key + ": " + err.what());
    }
  }
}

const Definition& InstrumentLibrary::get(const std::string& id, const std::string& version) const {
  const Definition* best = nullptr;
  std::string versions;
  for (const auto& [key, e] : entries_) {
    if (e.resolved.id != id) continue;
    versions += (versions.empty() ? "" : ", ") + e.resolved.version;
    if (!version.empty()) {
      if (e.resolved.version == version) return e.resolved;
    } else if (!best || version_less(best->version, e.resolved.version)) {
      best = &e.resolved;
    }
  }
  if (best) return *best;
  if (!versions.empty()) throw NotFound(id + " has no version " + version + " (versions: " + versions + ")");
  throw NotFound("no instrument '" + id + "'; `relief instrument list` shows them");
}

std::vector<const Definition*> InstrumentLibrary::all() const {
  std::vector<const Definition*> out;
  for (const auto& [key, e] : entries_) out.push_back(&e.resolved);
  std::sort(out.begin(), out.end(), [](const Definition* a, const Definition* b) {
    return a->id != b->id ? a->id < b->id : version_less(a->version, b->version);
  });
  return out;
}

}  // namespace relief::instruments
