#include "instruments/content_pack.hpp"

#include <boost/json.hpp>

#include "core/errors.hpp"

namespace relief::instruments {
namespace {
namespace json = boost::json;

constexpr const char* kType = "ContentPack";

std::string string_field(const json::object& o, const char* key, std::vector<Problem>& problems, bool required) {
  auto* v = o.if_contains(key);
  if (!v || (v->is_string() && v->as_string().empty())) {
    if (required) problems.push_back({key, "is required"});
    return {};
  }
  if (!v->is_string()) {
    problems.push_back({key, "must be a string"});
    return {};
  }
  return std::string(v->as_string());
}

json::value to_json(const ContentPack& p) {
  json::object items;
  for (const auto& [id, item] : p.items) {
    json::object responses;
    for (const auto& [code, label] : item.responses) responses[code] = label;
    items[id] = json::object{{"text", item.text}, {"responses", std::move(responses)}};
  }
  return json::object{{"instrument", p.instrument}, {"version", p.version}, {"language", p.language},
                      {"source", p.source},         {"items", std::move(items)}};
}

}  // namespace

ContentPack parse_content_pack(const json::value& v, const InstrumentLibrary& library) {
  if (!v.is_object()) throw MalformedInput("a content pack is a JSON object with \"instrument\" and \"items\"");
  const auto& o = v.as_object();
  std::vector<Problem> problems;
  ContentPack pack;
  pack.instrument = string_field(o, "instrument", problems, true);
  pack.version = string_field(o, "version", problems, false);
  if (auto lang = string_field(o, "language", problems, false); !lang.empty()) pack.language = lang;
  pack.source = string_field(o, "source", problems, true);
  if (!problems.empty()) throw ValidationError(std::move(problems));
  const Definition& d = library.get(pack.instrument, pack.version);  // NotFound for an unknown instrument
  pack.version = d.version;
  auto* items = o.if_contains("items");
  if (!items || !items->is_object() || items->as_object().empty())
    throw ValidationError("items", "an object of item id -> {\"text\", \"responses\"}");
  for (const auto& [key, value] : items->as_object()) {
    const std::string id(key);
    const std::string field = "items." + id;
    const Item* item = nullptr;
    for (const auto& i : d.items)
      if (i.id == id) item = &i;
    if (!item) {
      problems.push_back({field, d.name + " has no item '" + id + "'"});
      continue;
    }
    if (!value.is_object()) {
      problems.push_back({field, "must be an object with \"text\" and \"responses\""});
      continue;
    }
    ContentPack::ItemText text;
    text.text = string_field(value.as_object(), "text", problems, false);
    if (auto* responses = value.as_object().if_contains("responses")) {
      if (!responses->is_object()) {
        problems.push_back({field + ".responses", "an object of response code -> label"});
        continue;
      }
      const auto& set = d.responses_of(*item);
      for (const auto& [code, label] : responses->as_object()) {
        bool known = false;
        for (const auto& opt : set.options) known |= opt.code == code;
        if (!known) problems.push_back({field + ".responses." + std::string(code), "is not a response of this item"});
        else if (!label.is_string()) problems.push_back({field + ".responses." + std::string(code), "must be text"});
        else text.responses[std::string(code)] = std::string(label.as_string());
      }
    }
    pack.items[id] = std::move(text);
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return pack;
}

std::string load_content_pack(Store& store, const Actor& actor, const ContentPack& pack) {
  std::string id;
  store.write(actor, [&](Transaction& tx) {
    ProgramRecord record;
    for (const auto& existing : tx.program_records(ProgramRecordQuery{kType, std::string(""), std::nullopt, 1000})) {
      auto body = json::parse(existing.body).as_object();
      if (body.at("instrument").as_string() == pack.instrument && body.at("version").as_string() == pack.version &&
          body.at("language").as_string() == pack.language)
        record.meta = existing.meta;  // the next version of the same pack
    }
    record.patient_id = "";
    record.status = "active";
    record.at = now();
    record.body = json::serialize(to_json(pack));
    auto expected = record.meta.id.empty() ? std::nullopt : std::optional<std::int64_t>(record.meta.version);
    tx.put_program_record(kType, record, expected);
    id = record.meta.id;
  });
  return id;
}

std::optional<ContentPack> content_for(Reader& r, const std::string& instrument, const std::string& version,
                                       const std::string& language) {
  for (const auto& stored : r.program_records(ProgramRecordQuery{kType, std::string(""), std::string("active"), 1000})) {
    auto body = json::parse(stored.body).as_object();
    if (body.at("instrument").as_string() != instrument || body.at("version").as_string() != version ||
        body.at("language").as_string() != language)
      continue;
    ContentPack pack;
    pack.instrument = instrument;
    pack.version = version;
    pack.language = language;
    pack.source = std::string(body.at("source").as_string());
    for (const auto& [id, item] : body.at("items").as_object()) {
      ContentPack::ItemText text;
      text.text = std::string(item.at("text").as_string());
      for (const auto& [code, label] : item.at("responses").as_object()) text.responses[std::string(code)] = std::string(label.as_string());
      pack.items[std::string(id)] = std::move(text);
    }
    return pack;
  }
  return std::nullopt;
}

void apply_content(json::object& detail, const ContentPack& pack) {
  detail["content_source"] = pack.source;
  for (auto& item : detail["items"].as_array()) {
    auto& o = item.as_object();
    auto found = pack.items.find(std::string(o.at("id").as_string()));
    if (found == pack.items.end()) continue;
    if (!found->second.text.empty()) o["text"] = found->second.text;
    json::object labels;
    for (const auto& [code, label] : found->second.responses) labels[code] = label;
    if (!labels.empty()) o["response_labels"] = std::move(labels);
  }
}

}  // namespace relief::instruments
