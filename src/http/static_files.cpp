#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace relief::http {
namespace {
std::string content_type_of(const std::filesystem::path& p) {
  auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

constexpr const char* kNoUi =
    "<!doctype html><html lang=en><meta charset=utf-8><title>Relief</title>"
    "<body style='font-family:sans-serif;max-width:40em;margin:3em auto'><h1>Relief is running</h1>"
    "<p>The browser UI has not been built into <code>web/dist</code> on this server. The API is available:</p>"
    "<ul><li><a href='/fhir/metadata'>/fhir/metadata</a> (FHIR R4 CapabilityStatement)</li>"
    "<li><a href='/healthz'>/healthz</a></li><li>POST /auth/login</li></ul></body></html>";
}  // namespace

std::optional<Response> static_file(const std::string& root, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = fs::weakly_canonical(root, ec);
  fs::path index = base / "index.html";
  fs::path wanted = fs::weakly_canonical(base / fs::path(path).relative_path(), ec);
  // Only files inside the web root: "../" tricks resolve outside it and are refused.
  auto rel = wanted.lexically_relative(base);
  bool inside = !ec && !rel.empty() && *rel.begin() != "..";
  fs::path file = inside && fs::is_regular_file(wanted, ec) ? wanted : index;
  if (!inside && path != "/") return std::nullopt;
  if (!fs::is_regular_file(file, ec)) {
    if (path != "/" && path != "/index.html") return std::nullopt;
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = kNoUi;
    return r;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  Response r;
  r.content_type = content_type_of(file);
  r.body = body.str();
  // Vite names assets by content hash: cache them; never cache index.html.
  r.header("Cache-Control", file == index ? "no-cache" : "public, max-age=31536000, immutable");
  return r;
}

}  // namespace relief::http
