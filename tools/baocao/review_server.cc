#include "baocao/review_server.h"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <semaphore>
#include <sstream>
#include <thread>

#include "baocao/cli.h"
#include "baocao/json_output.h"
#include "baocao/render.h"
#include "baocao/review_fields.h"
#include "baocao/rules.h"
#include "baocao/series_chart.h"
#include "baocao/series_format.h"
#include "baocao/storage.h"
#include "baocao/web_assets.h"

namespace baocao::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json; charset=utf-8";
// Bytes of page text shown on each side of a fact's quote.
constexpr std::size_t kContextBytes = 360;
// Page renders at once: each holds a full raster in memory.
constexpr std::ptrdiff_t kConcurrentRenders = 2;

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// 32 random hex digits from the system's random device.
std::string RandomToken() {
  std::random_device device;
  std::string token;
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) token += kHex[device() % 16];
  return token;
}

// Compares secrets in time independent of where they differ.
bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  for (const std::string& pair : SplitList(req.get_header_value("Cookie"))) {
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
  }
  return "";
}

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(DumpJson(body), kJson);
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, json{{"error", message}});
}

int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kConflict: return 409;
    case StatusCode::kTooLarge: return 413;
    default: return 500;
  }
}

std::optional<std::int64_t> IntParam(const httplib::Request& req, const std::string& name) {
  if (!req.has_param(name.c_str())) return std::nullopt;
  const std::string text = req.get_param_value(name.c_str());
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A document's name for people: the file and its folder ("clean/002.pdf"),
// since archives repeat file names across folders.
// A number from a route's digits, capped so that "99999999999999999999"
// names no record instead of overflowing.
std::int64_t RouteNumber(const std::string& digits) {
  if (digits.size() > 15) return 0;
  std::int64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::string FileName(const std::string& path) {
  const fs::path p(path);
  const std::string name = p.filename().string();
  if (name.empty()) return path;
  const std::string folder = p.parent_path().filename().string();
  return folder.empty() ? name : folder + "/" + name;
}

// ---- JSON views of stored records ------------------------------------------

json FieldsJson(const Fact& fact) {
  json fields = json::object();
  for (const auto& [name, value] : fact.fields) fields[name] = FieldToJson(value);
  return fields;
}

json FactJson(const StoredFact& stored) {
  json editable = json::array();
  for (const std::string& name : EditableFields(stored.fact.kind)) {
    const auto found = stored.fact.fields.find(name);
    editable.push_back({{"name", name},
                        {"type", FieldType(stored, name)},
                        {"value", found == stored.fact.fields.end() ? std::string()
                                                                    : FieldValueInput(found->second)}});
  }
  return {{"id", stored.id},
          {"document_id", stored.document_id},
          {"document", FileName(stored.document_path)},
          {"page", stored.fact.page},
          {"kind", stored.fact.kind},
          {"rule", stored.fact.rule},
          {"confidence", stored.fact.confidence},
          {"review", std::string(ReviewStatusName(stored.review))},
          {"revision", stored.revision},
          {"quote", stored.fact.quote},
          {"reasons", stored.fact.review_reasons},
          {"fields", FieldsJson(stored.fact)},
          {"editable", editable}};
}

// Moves `pos` back to the start of a UTF-8 character.
std::size_t CharStart(const std::string& text, std::size_t pos) {
  pos = std::min(pos, text.size());
  while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// The page text around `span`, cut into pieces at the span's and the
// repairs' edges so that the page can mark both.
json ContextJson(const StoredPage& page, Span span) {
  const std::string& text = page.text;
  span.end = std::min(span.end, text.size());
  span.begin = std::min(span.begin, span.end);
  std::size_t begin = CharStart(text, span.begin > kContextBytes ? span.begin - kContextBytes : 0);
  std::size_t end = CharStart(text, span.end + kContextBytes);
  if (span.end + kContextBytes >= text.size()) end = text.size();
  // Whole lines where a line break is near.
  const std::size_t line_start = text.rfind('\n', span.begin == 0 ? 0 : span.begin - 1);
  if (line_start != std::string::npos && line_start + 1 > begin) begin = line_start + 1;
  const std::size_t line_end = text.find('\n', span.end);
  if (line_end != std::string::npos && line_end < end) end = line_end;
  if (begin > span.begin) begin = span.begin;

  std::vector<std::size_t> cuts = {begin, end, span.begin, span.end};
  for (const TextRepair& r : page.repairs) {
    for (std::size_t at : {r.span.begin, r.span.end}) {
      if (at > begin && at < end) cuts.push_back(at);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  json pieces = json::array();
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const std::size_t a = cuts[i], b = cuts[i + 1];
    if (a < begin || b > end || a == b) continue;
    int repair = -1;
    for (std::size_t r = 0; r < page.repairs.size(); ++r) {
      if (page.repairs[r].span.begin <= a && b <= page.repairs[r].span.end) {
        repair = static_cast<int>(r);
        break;
      }
    }
    pieces.push_back({{"text", text.substr(a, b - a)},
                      {"quote", a >= span.begin && b <= span.end},
                      {"repair", repair}});
  }
  return pieces;
}

json RepairsJson(const StoredPage& page, Span span) {
  json repairs = json::array();
  for (const TextRepair& r : page.repairs) {
    const std::size_t end = std::min(r.span.end, page.text.size());
    const std::size_t begin = std::min(r.span.begin, end);
    repairs.push_back({{"pass", r.pass},
                       {"detail", r.detail},
                       {"before", r.before},
                       {"after", page.text.substr(begin, end - begin)},
                       {"confidence", r.confidence},
                       {"alternatives", r.alternatives},
                       {"in_quote", begin < span.end && end > span.begin}});
  }
  return repairs;
}

// The boxes of the words the fact was read from, in PDF points.
json BoxesJson(const StoredPage& page, Span span) {
  json boxes = json::array();
  for (const StoredWord& w : page.words) {
    if (w.span.begin >= span.end || w.span.end <= span.begin) continue;
    boxes.push_back({{"x0", w.box.x0},
                     {"y0", w.box.y0},
                     {"x1", w.box.x1},
                     {"y1", w.box.y1},
                     {"source", std::string(TextSourceName(w.source))},
                     {"confidence", w.confidence}});
  }
  return boxes;
}

json LogJson(const std::vector<ReviewLogEntry>& log) {
  json entries = json::array();
  for (const ReviewLogEntry& e : log) {
    entries.push_back({{"at", e.at},
                       {"field", e.field},
                       {"before", json::parse(e.before, nullptr, false)},
                       {"after", json::parse(e.after, nullptr, false)},
                       {"revision", e.revision}});
  }
  return entries;
}

// ---- HTML ------------------------------------------------------------------

std::string Layout(const std::string& title, const std::string& csrf, const std::string& body,
                   const std::string& page_name) {
  return "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"csrf-token\" content=\"" + EscapeHtml(csrf) + "\">"
         "<title>" + EscapeHtml(title) + " · baocao</title>"
         "<link rel=\"stylesheet\" href=\"/static/review.css\"></head>"
         "<body data-page=\"" + EscapeHtml(page_name) + "\"><nav class=\"top\"><strong>baocao</strong>"
         "<a href=\"/queue\">Review queue</a><a href=\"/documents\">Documents</a>"
         "<a href=\"/series\">Series</a></nav><main>" + body +
         "</main><script src=\"/static/review.js\"></script></body></html>\n";
}

std::string Percent(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100);
  return buffer;
}

std::string Confidence(double confidence) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", confidence);
  return buffer;
}

std::string QueueBody(const std::vector<DocumentSummary>& documents) {
  std::string options = "<option value=\"\">all documents</option>";
  for (const DocumentSummary& d : documents) {
    if (d.status == "failed") continue;
    options += "<option value=\"" + std::to_string(d.id) + "\">" + EscapeHtml(FileName(d.path)) +
               " (" + std::to_string(d.facts_to_review) + ")</option>";
  }
  std::string kinds = "<option value=\"\">all kinds</option>";
  for (const char* kind : {"indicator", "target", "deadline", "task", "reference", "metadata"}) {
    kinds += std::string("<option>") + kind + "</option>";
  }
  return "<section class=\"queue\"><form id=\"filters\" class=\"filters\">"
         "<label>Document <select name=\"document\">" + options + "</select></label>"
         "<label>Kind <select name=\"kind\">" + kinds + "</select></label>"
         "<label>Entity <input name=\"entity\" placeholder=\"huyện Thọ Xuân\"></label>"
         "<button type=\"submit\">Filter</button></form>"
         "<p id=\"remaining\" class=\"remaining\" aria-live=\"polite\"></p>"
         "<div class=\"split\"><ol id=\"queue-list\" class=\"queue-list\"></ol>"
         "<section id=\"fact-panel\" class=\"fact-panel\"></section></div>"
         "<p class=\"keys\"><kbd>a</kbd> accept · <kbd>e</kbd> edit · <kbd>r</kbd> reject · "
         "<kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>u</kbd> undo · "
         "<kbd>Esc</kbd> leave the edit form</p>"
         "<p id=\"status\" class=\"status\" role=\"status\" aria-live=\"polite\"></p></section>";
}

std::string DocumentsBody(const std::vector<DocumentSummary>& documents) {
  std::string rows;
  for (const DocumentSummary& d : documents) {
    rows += "<tr><td><a href=\"/documents/" + std::to_string(d.id) + "\">" +
            EscapeHtml(FileName(d.path)) + "</a></td><td>" + EscapeHtml(d.status) + "</td><td>" +
            std::to_string(d.pages) + "</td><td>" + std::to_string(d.facts) + "</td><td>" +
            std::to_string(d.facts_to_review) + "</td><td>" + EscapeHtml(d.ingested_at) +
            "</td></tr>";
  }
  return "<h1>Documents</h1><table class=\"grid\"><thead><tr><th>File</th><th>Status</th>"
         "<th>Pages</th><th>Facts</th><th>To review</th><th>Ingested</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
}

std::string FactRow(const StoredFact& f) {
  std::string reasons;
  for (const std::string& r : f.fact.review_reasons) reasons += (reasons.empty() ? "" : ", ") + r;
  std::string quote = f.fact.quote;
  std::replace(quote.begin(), quote.end(), '\n', ' ');
  return "<tr class=\"review-" + std::string(ReviewStatusName(f.review)) + "\"><td><a href=\"/facts/" +
         std::to_string(f.id) + "\">" + std::to_string(f.id) + "</a></td><td>" +
         EscapeHtml(f.fact.kind) + "</td><td>" + std::to_string(f.fact.page) + "</td><td class=\"snippet\">" +
         EscapeHtml(quote) + "</td><td>" + Confidence(f.fact.confidence) + "</td><td>" +
         std::string(ReviewStatusName(f.review)) + "</td><td>" + EscapeHtml(reasons) + "</td></tr>";
}

std::string DocumentBody(const DocumentSummary& d, const std::string& metadata_json,
                         const std::vector<StoredPage>& pages, const std::vector<StoredFact>& facts) {
  std::string body = "<h1>" + EscapeHtml(FileName(d.path)) + "</h1><dl class=\"meta\">";
  auto item = [&](const std::string& name, const std::string& value) {
    if (!value.empty()) body += "<dt>" + name + "</dt><dd>" + EscapeHtml(value) + "</dd>";
  };
  item("Path", d.path);
  item("SHA-256", d.sha256);
  item("Status", d.status);
  item("Pages", std::to_string(d.pages));
  item("Producer", d.producer);
  item("Extracted by", d.extractor_version);
  item("Ingested", d.ingested_at);
  const json metadata = json::parse(metadata_json, nullptr, false);
  if (metadata.is_object()) {
    if (metadata.contains("title") && metadata["title"].is_string()) item("Title", metadata["title"]);
    if (metadata.contains("creator") && metadata["creator"].is_string())
      item("Creator", metadata["creator"]);
  }
  for (const StoredFact& f : facts) {
    if (f.fact.kind != "metadata") continue;
    for (const auto& [name, value] : f.fact.fields) {
      const std::string shown = FieldValueInput(value);
      if (!shown.empty()) item(name, shown);
    }
  }
  body += "</dl>";
  if (!d.errors.empty()) {
    body += "<h2>Problems</h2><ul class=\"problems\">";
    for (const std::string& e : d.errors) body += "<li>" + EscapeHtml(e) + "</li>";
    body += "</ul>";
  }
  if (metadata.is_object() && metadata.contains("fonts") && metadata["fonts"].is_array() &&
      !metadata["fonts"].empty()) {
    body += "<h2>Fonts</h2><table class=\"grid\"><thead><tr><th>Font</th><th>Mapping</th>"
            "<th>Recovered codes</th><th>Unresolved codes</th></tr></thead><tbody>";
    for (const json& font : metadata["fonts"]) {
      auto text = [&](const char* key) {
        return font.contains(key) && !font[key].is_null() ? EscapeHtml(font[key].is_string()
                                                                           ? font[key].get<std::string>()
                                                                           : font[key].dump())
                                                          : std::string();
      };
      body += "<tr><td>" + text("name") + "</td><td>" + text("mapping") + "</td><td>" +
              text("recovered") + "</td><td>" + text("unresolved") + "</td></tr>";
    }
    body += "</tbody></table>";
  }
  body += "<h2>Pages</h2><table class=\"grid\"><thead><tr><th>Page</th><th>Route</th>"
          "<th>Quality</th><th>Warnings</th></tr></thead><tbody>";
  for (const StoredPage& p : pages) {
    std::string warnings;
    for (const std::string& w : p.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
    body += "<tr class=\"route-" + EscapeHtml(p.route) + "\"><td><a href=\"/documents/" +
            std::to_string(d.id) + "/pages/" + std::to_string(p.number) + "\">" +
            std::to_string(p.number) + "</a></td><td>" + EscapeHtml(p.route) + "</td><td>" +
            Percent(p.quality) + "</td><td>" + EscapeHtml(warnings) + "</td></tr>";
  }
  body += "</tbody></table><h2>Facts</h2><table class=\"grid facts\"><thead><tr><th>Id</th>"
          "<th>Kind</th><th>Page</th><th>Quote</th><th>Confidence</th><th>Review</th>"
          "<th>Reasons</th></tr></thead><tbody>";
  for (const StoredFact& f : facts) body += FactRow(f);
  return body + "</tbody></table>";
}

// The page text with repaired stretches marked and facts' quotes linked.
std::string MarkedPageText(const StoredPage& page, std::int64_t highlight_fact,
                           const std::vector<StoredFact>& facts) {
  std::vector<std::size_t> cuts = {0, page.text.size()};
  for (const TextRepair& r : page.repairs) {
    cuts.push_back(std::min(r.span.begin, page.text.size()));
    cuts.push_back(std::min(r.span.end, page.text.size()));
  }
  Span highlight{0, 0};
  for (const StoredFact& f : facts) {
    if (f.id != highlight_fact) continue;
    highlight = {std::min(f.fact.span.begin, page.text.size()),
                 std::min(f.fact.span.end, page.text.size())};
    cuts.push_back(highlight.begin);
    cuts.push_back(highlight.end);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::string out = "<pre class=\"page-text\">";
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const std::size_t a = cuts[i], b = cuts[i + 1];
    const std::string piece = EscapeHtml(page.text.substr(a, b - a));
    const TextRepair* repair = nullptr;
    for (const TextRepair& r : page.repairs) {
      if (r.span.begin <= a && b <= r.span.end) repair = &r;
    }
    std::string html = piece;
    if (repair != nullptr) {
      html = "<mark class=\"repair\" title=\"" +
             EscapeHtml(repair->pass + ": was \"" + repair->before + "\", confidence " +
                        Confidence(repair->confidence)) + "\">" + piece + "</mark>";
    }
    if (highlight.end > highlight.begin && a >= highlight.begin && b <= highlight.end) {
      html = "<span class=\"quote\" id=\"quote\">" + html + "</span>";
    }
    out += html;
  }
  return out + "</pre>";
}

std::string PageBody(const DocumentSummary& d, const StoredPage& page, std::int64_t highlight_fact,
                     const std::vector<StoredFact>& facts) {
  // Word boxes as an SVG laid over the image, in PDF points: no inline styles.
  std::string overlay;
  if (page.width > 0 && page.height > 0) {
    char view_box[64];
    std::snprintf(view_box, sizeof view_box, "0 0 %.2f %.2f", page.width, page.height);
    overlay = std::string("<svg class=\"overlay\" viewBox=\"") + view_box +
              "\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\">";
    for (const StoredFact& f : facts) {
      const bool chosen = f.id == highlight_fact;
      for (const StoredWord& w : page.words) {
        if (w.span.begin >= f.fact.span.end || w.span.end <= f.fact.span.begin) continue;
        char rect[160];
        std::snprintf(rect, sizeof rect, "x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"",
                      w.box.x0, w.box.y0, w.box.x1 - w.box.x0, w.box.y1 - w.box.y0);
        overlay += "<a href=\"/facts/" + std::to_string(f.id) + "\"><rect class=\"box" +
                   std::string(chosen ? " chosen" : "") + "\" " + rect + "><title>fact " +
                   std::to_string(f.id) + " (" + EscapeHtml(f.fact.kind) + ")</title></rect></a>";
      }
    }
    overlay += "</svg>";
  }
  const std::string base = "/documents/" + std::to_string(d.id) + "/pages/";
  std::string nav = "<p class=\"pager\">";
  if (page.number > 1) nav += "<a href=\"" + base + std::to_string(page.number - 1) + "\">← page " + std::to_string(page.number - 1) + "</a> ";
  nav += "<a href=\"/documents/" + std::to_string(d.id) + "\">" + EscapeHtml(FileName(d.path)) + "</a>";
  if (page.number < d.pages) nav += " <a href=\"" + base + std::to_string(page.number + 1) + "\">page " + std::to_string(page.number + 1) + " →</a>";
  nav += "</p>";
  std::string body = "<h1>" + EscapeHtml(FileName(d.path)) + ", page " + std::to_string(page.number) +
                     "</h1>" + nav + "<p>Route <strong>" + EscapeHtml(page.route) +
                     "</strong>, quality " + Percent(page.quality) + ". Repaired text is " +
                     "<mark class=\"repair\">marked</mark>.</p><div class=\"page-view\">"
                     "<div class=\"page-image\"><img alt=\"page " + std::to_string(page.number) +
                     "\" src=\"/pages/" + std::to_string(d.id) + "/" + std::to_string(page.number) +
                     ".png\">" + overlay + "</div>" + MarkedPageText(page, highlight_fact, facts) +
                     "</div><h2>Facts on this page</h2><table class=\"grid facts\"><thead><tr><th>Id</th>"
                     "<th>Kind</th><th>Page</th><th>Quote</th><th>Confidence</th><th>Review</th>"
                     "<th>Reasons</th></tr></thead><tbody>";
  for (const StoredFact& f : facts) body += FactRow(f);
  return body + "</tbody></table>";
}

std::string SeriesForm(const std::string& indicator, const std::vector<std::string>& entities,
                       const std::vector<IndicatorDefinition>& catalog) {
  std::string list;
  for (const IndicatorDefinition& r : catalog) list += "<option value=\"" + EscapeHtml(r.name) + "\">";
  std::string entity_text;
  for (const std::string& e : entities) entity_text += (entity_text.empty() ? "" : "; ") + e;
  return "<form class=\"filters\" method=\"get\" action=\"/series\">"
         "<label>Indicator <input name=\"indicator\" size=\"48\" list=\"indicators\" value=\"" +
         EscapeHtml(indicator) + "\" placeholder=\"ty le ho so dung han\"></label>"
         "<datalist id=\"indicators\">" + list + "</datalist>"
         "<label>Entities <input name=\"entity\" size=\"32\" value=\"" + EscapeHtml(entity_text) +
         "\" placeholder=\"all; or names separated by ;\"></label>"
         "<button type=\"submit\">Show</button></form>";
}

std::string SeriesTable(const std::vector<SeriesPoint>& points) {
  std::string rows;
  for (const SeriesPoint& p : points) {
    rows += "<tr class=\"review-" + std::string(ReviewStatusName(p.review)) + "\" data-fact=\"" +
            std::to_string(p.fact_id) + "\"><td>" + EscapeHtml(p.entity) + "</td><td>" +
            EscapeHtml(ShownPeriod(p)) + "</td><td class=\"num\">" + EscapeHtml(ShownValue(p)) +
            "</td><td>" + EscapeHtml(ShownUnit(p)) + "</td><td>" +
            std::string(ReviewStatusName(p.review)) + "</td><td><a href=\"/facts/" +
            std::to_string(p.fact_id) + "\">" + EscapeHtml(FileName(p.document_path)) + " p. " +
            std::to_string(p.page) + "</a></td></tr>";
  }
  return "<table class=\"grid series\"><thead><tr><th>Entity</th><th>Period</th><th>Value</th>"
         "<th>Unit</th><th>Review</th><th>Source</th></tr></thead><tbody>" + rows +
         "</tbody></table>";
}

// ---- the server ------------------------------------------------------------

class HttpReviewServer final : public ReviewServer {
 public:
  HttpReviewServer(const ReviewServerOptions& options, std::unique_ptr<Store> store)
      : options_(options), store_(std::move(store)), csrf_(RandomToken()), renders_(kConcurrentRenders) {
    cache_dir_ = options.cache_dir.empty() ? options.db + ".pages" : options.cache_dir;
  }
  ~HttpReviewServer() override { Stop(); }

  Status Bind();
  void Serve() {
    thread_ = std::thread([this] { http_.listen_after_bind(); });
  }
  int Port() const override { return port_; }
  std::string Url() const override {
    const std::string host = options_.host.find(':') != std::string::npos ? "[" + options_.host + "]" : options_.host;
    return "http://" + host + ":" + std::to_string(port_) + "/";
  }
  std::string CsrfToken() const override { return csrf_; }
  void Stop() override {
    std::call_once(stopped_, [this] {
      http_.stop();
      if (thread_.joinable()) thread_.join();
    });
  }

 private:
  void Routes();
  httplib::Server::HandlerResponse Guard(const httplib::Request& req, httplib::Response& res);
  bool HostAllowed(const std::string& host_header) const;

  void Queue(const httplib::Request& req, httplib::Response& res);
  void QueueApi(const httplib::Request& req, httplib::Response& res);
  void FactApi(const httplib::Request& req, httplib::Response& res);
  void Decide(const httplib::Request& req, httplib::Response& res);
  void PageImage(const httplib::Request& req, httplib::Response& res);
  void Documents(const httplib::Request& req, httplib::Response& res);
  void DocumentPage(const httplib::Request& req, httplib::Response& res);
  void PageView(const httplib::Request& req, httplib::Response& res);
  void FactRedirect(const httplib::Request& req, httplib::Response& res);
  void SeriesPage(const httplib::Request& req, httplib::Response& res);

  void SendPage(httplib::Response& res, const std::string& title, const std::string& body,
                const std::string& page_name) {
    res.set_content(Layout(title, csrf_, body, page_name), kHtml);
  }
  void SendErrorPage(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    SendPage(res, "Error", "<h1>" + std::to_string(status) + "</h1><p class=\"error\">" +
                               EscapeHtml(message) + "</p>", "error");
  }
  Result<std::vector<StoredFact>> FactsOf(std::int64_t document_id, int page);
  // The file a document was ingested from: its path as given, or a relative
  // path taken from the store's folder when the server runs elsewhere.
  std::string SourceFile(const std::string& path) const {
    std::error_code ec;
    if (fs::path(path).is_absolute() || fs::exists(path, ec)) return path;
    const fs::path beside_store = fs::path(options_.db).parent_path() / path;
    return fs::exists(beside_store, ec) ? beside_store.string() : path;
  }

  ReviewServerOptions options_;
  std::unique_ptr<Store> store_;
  std::mutex store_mutex_;  // Store is used from one thread at a time
  std::string csrf_;
  std::string cache_dir_;
  std::counting_semaphore<kConcurrentRenders> renders_;
  httplib::Server http_;
  std::thread thread_;
  std::once_flag stopped_;
  int port_ = 0;
};

Status HttpReviewServer::Bind() {
  Routes();
  http_.set_payload_max_length(options_.max_request_bytes);
  http_.set_read_timeout(10, 0);
  http_.set_write_timeout(10, 0);
  if (options_.port == 0) {
    port_ = http_.bind_to_any_port(options_.host);
    if (port_ <= 0) {
      return Status(StatusCode::kIoError, "cannot listen on " + options_.host + " (any port)");
    }
  } else {
    if (!http_.bind_to_port(options_.host, options_.port)) {
      return Status(StatusCode::kIoError, "cannot listen on " + options_.host + ":" +
                                              std::to_string(options_.port) +
                                              " (in use, or not an address of this machine)");
    }
    port_ = options_.port;
  }
  return Status();
}

bool HttpReviewServer::HostAllowed(const std::string& host_header) const {
  if (!IsLoopback(options_.host)) return true;  // the token guards non-loopback servers
  const std::string port = ":" + std::to_string(port_);
  for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
    if (host_header == std::string(name) + port) return true;
  }
  return false;
}

httplib::Server::HandlerResponse HttpReviewServer::Guard(const httplib::Request& req,
                                                         httplib::Response& res) {
  using Response = httplib::Server::HandlerResponse;
  if (!HostAllowed(req.get_header_value("Host"))) {
    SendError(res, 421, "this server answers to 127.0.0.1:" + std::to_string(port_) + " only");
    return Response::Handled;
  }
  if (!options_.token.empty()) {
    const std::string bearer = req.get_header_value("Authorization");
    const bool ok = SameSecret(CookieValue(req, "baocao_token"), options_.token) ||
                    (bearer.rfind("Bearer ", 0) == 0 && SameSecret(bearer.substr(7), options_.token)) ||
                    (req.method == "GET" && SameSecret(req.get_param_value("token"), options_.token));
    if (!ok) {
      SendError(res, 401, "this server needs its token: open it with ?token=... once");
      return Response::Handled;
    }
    if (req.has_param("token")) {
      res.set_header("Set-Cookie", "baocao_token=" + options_.token +
                                       "; HttpOnly; SameSite=Strict; Path=/");
    }
  }
  if (req.method != "GET" && req.method != "HEAD") {
    if (!SameSecret(req.get_header_value("X-CSRF-Token"), csrf_)) {
      SendError(res, 403, "missing or wrong X-CSRF-Token: reload the page");
      return Response::Handled;
    }
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && origin != "http://" + req.get_header_value("Host")) {
      SendError(res, 403, "request from another site (" + origin + ") refused");
      return Response::Handled;
    }
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
                 "frame-ancestors 'none'; form-action 'self'");
  return Response::Unhandled;
}

void HttpReviewServer::Routes() {
  http_.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return Guard(req, res); });
  http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
    std::string what = "unexpected error";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    SendError(res, 500, what);
  });
  http_.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413 ? "request too large" : res.status == 404 ? "no such page: " + req.path : "request failed";
    if (req.path.rfind("/api/", 0) == 0) {
      SendError(res, res.status, message);
    } else {
      const int status = res.status;
      SendErrorPage(res, status, message);
    }
  });
  auto bind = [this](void (HttpReviewServer::*handler)(const httplib::Request&, httplib::Response&)) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) { (this->*handler)(req, res); };
  };
  http_.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/queue"); });
  http_.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  http_.Get("/queue", bind(&HttpReviewServer::Queue));
  http_.Get("/api/queue", bind(&HttpReviewServer::QueueApi));
  http_.Get(R"(/api/facts/(\d+))", bind(&HttpReviewServer::FactApi));
  http_.Post(R"(/api/facts/(\d+))", bind(&HttpReviewServer::Decide));
  http_.Get(R"(/pages/(\d+)/(\d+)\.png)", bind(&HttpReviewServer::PageImage));
  http_.Get("/documents", bind(&HttpReviewServer::Documents));
  http_.Get(R"(/documents/(\d+))", bind(&HttpReviewServer::DocumentPage));
  http_.Get(R"(/documents/(\d+)/pages/(\d+))", bind(&HttpReviewServer::PageView));
  http_.Get(R"(/facts/(\d+))", bind(&HttpReviewServer::FactRedirect));
  http_.Get("/series", bind(&HttpReviewServer::SeriesPage));
  http_.Get("/static/review.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(ReviewScript()), "text/javascript; charset=utf-8");
  });
  http_.Get("/static/review.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(ReviewStyle()), "text/css; charset=utf-8");
  });
}

void HttpReviewServer::Queue(const httplib::Request&, httplib::Response& res) {
  std::vector<DocumentSummary> documents;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    Result<std::vector<DocumentSummary>> listed = store_->ListDocuments();
    if (!listed.ok()) return SendErrorPage(res, 500, listed.status().message());
    documents = std::move(listed).value();
  }
  SendPage(res, "Review queue", QueueBody(documents), "queue");
}

void HttpReviewServer::QueueApi(const httplib::Request& req, httplib::Response& res) {
  ReviewQueueQuery query;
  query.document_id = IntParam(req, "document").value_or(0);
  query.kind = req.get_param_value("kind");
  query.entity = Trimmed(req.get_param_value("entity"));
  query.limit = static_cast<int>(std::clamp<std::int64_t>(IntParam(req, "limit").value_or(100), 1, 1000));
  query.offset = static_cast<int>(std::clamp<std::int64_t>(IntParam(req, "offset").value_or(0), 0, 1 << 30));
  std::lock_guard<std::mutex> lock(store_mutex_);
  Result<ReviewQueuePage> page = store_->ReviewQueue(query);
  if (!page.ok()) return SendError(res, HttpStatusOf(page.status()), page.status().message());
  json facts = json::array();
  for (const StoredFact& f : page.value().facts) facts.push_back(FactJson(f));
  SendJson(res, 200, {{"total", page.value().total}, {"offset", query.offset}, {"facts", facts}});
}

void HttpReviewServer::FactApi(const httplib::Request& req, httplib::Response& res) {
  Result<std::int64_t> id = ParseFactId(req.matches[1]);
  if (!id.ok()) return SendError(res, 400, id.status().message());
  std::lock_guard<std::mutex> lock(store_mutex_);
  Result<StoredFact> fact = store_->GetFact(id.value());
  if (!fact.ok()) return SendError(res, HttpStatusOf(fact.status()), fact.status().message());
  json body = FactJson(fact.value());
  const Span span = fact.value().fact.span;
  Result<StoredPage> page = store_->GetPage(fact.value().document_id, fact.value().fact.page);
  if (page.ok()) {
    const StoredPage& p = page.value();
    body["page_info"] = {{"number", p.number}, {"width", p.width}, {"height", p.height},
                         {"route", p.route}, {"quality", p.quality}};
    body["image"] = "/pages/" + std::to_string(p.document_id) + "/" + std::to_string(p.number) + ".png";
    body["page_url"] = "/documents/" + std::to_string(p.document_id) + "/pages/" +
                       std::to_string(p.number) + "?fact=" + std::to_string(id.value());
    body["boxes"] = BoxesJson(p, span);
    body["context"] = ContextJson(p, span);
    body["repairs"] = RepairsJson(p, span);
  }
  Result<std::vector<ReviewLogEntry>> log = store_->ReviewLog(id.value());
  body["log"] = log.ok() ? LogJson(log.value()) : json::array();
  SendJson(res, 200, body);
}

// POST /api/facts/ID {"action": "accept"|"reject"|"correct"|"undo", "revision": N,
// "fields": {"value": "99.5", ...}}: one decision, checked against the revision
// the reviewer saw.
void HttpReviewServer::Decide(const httplib::Request& req, httplib::Response& res) {
  Result<std::int64_t> id = ParseFactId(req.matches[1]);
  if (!id.ok()) return SendError(res, 400, id.status().message());
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    return SendError(res, 415, "send the decision as application/json");
  }
  const json request = json::parse(req.body, nullptr, false);
  if (!request.is_object() || !request.contains("action") || !request["action"].is_string() ||
      !request.contains("revision") || !request["revision"].is_number_integer()) {
    return SendError(res, 400, "a decision is {\"action\": ..., \"revision\": N, \"fields\": {...}}");
  }
  const std::string action = request["action"];
  const std::int64_t revision = request["revision"];
  const std::string at = NowUtc();

  std::lock_guard<std::mutex> lock(store_mutex_);
  Result<StoredFact> before = store_->GetFact(id.value());
  if (!before.ok()) return SendError(res, HttpStatusOf(before.status()), before.status().message());
  Status done;
  if (action == "undo") {
    done = store_->UndoReview(id.value(), at, revision);
  } else if (action == "accept" || action == "reject") {
    FactReview review;
    review.status = action == "accept" ? ReviewStatus::kAccepted : ReviewStatus::kRejected;
    review.at = at;
    review.expected_revision = revision;
    done = store_->ReviewFact(id.value(), review);
  } else if (action == "correct") {
    if (!request.contains("fields") || !request["fields"].is_object() || request["fields"].empty()) {
      return SendError(res, 400, "a correction names the fields it changes");
    }
    // Check every field first: a correction is applied whole or not at all.
    std::vector<std::pair<std::string, FieldValue>> changes;
    json field_errors = json::object();
    for (const auto& [name, value] : request["fields"].items()) {
      if (!value.is_string()) {
        field_errors[name] = "send the value as text";
        continue;
      }
      Result<FieldValue> parsed = ParseFieldValue(before.value(), name, Trimmed(value.get<std::string>()));
      if (!parsed.ok()) {
        field_errors[name] = parsed.status().message();
        continue;
      }
      const auto old = before.value().fact.fields.find(name);
      const FieldValue old_value = old == before.value().fact.fields.end() ? FieldValue() : old->second;
      if (old_value != parsed.value()) changes.emplace_back(name, parsed.value());
    }
    if (!field_errors.empty()) {
      return SendJson(res, 400, {{"error", "some fields are not valid"}, {"fields", field_errors}});
    }
    if (changes.empty()) return SendError(res, 400, "nothing changed: use accept instead");
    FactReview review;  // all the fields in one decision, which one undo reverts
    review.status = ReviewStatus::kCorrected;
    for (auto& [name, value] : changes) review.fields[name] = std::move(value);
    review.at = at;
    review.expected_revision = revision;
    done = store_->ReviewFact(id.value(), review);
  } else {
    return SendError(res, 400, "unknown action '" + action + "' (accept, reject, correct, undo)");
  }
  Result<StoredFact> after = store_->GetFact(id.value());
  if (!done.ok()) {
    json body = {{"error", done.message()}};
    if (after.ok()) body["fact"] = FactJson(after.value());
    return SendJson(res, HttpStatusOf(done), body);
  }
  if (!after.ok()) return SendError(res, 500, after.status().message());
  SendJson(res, 200, {{"fact", FactJson(after.value())}});
}

void HttpReviewServer::PageImage(const httplib::Request& req, httplib::Response& res) {
  const std::int64_t document_id = RouteNumber(req.matches[1]);
  const int number = static_cast<int>(std::min<std::int64_t>(RouteNumber(req.matches[2]), 1 << 30));
  DocumentSummary document;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    Result<DocumentSummary> found = store_->GetDocument(document_id);
    if (!found.ok()) return SendError(res, HttpStatusOf(found.status()), found.status().message());
    document = std::move(found).value();
  }
  if (number < 1 || number > document.pages) {
    return SendError(res, 404, "document " + std::to_string(document_id) + " has no page " + std::to_string(number));
  }
  // Named by the file's hash: a re-ingested file with other bytes gets other images.
  const fs::path cached = fs::path(cache_dir_) / (document.sha256 + "-" + std::to_string(number) + "-" +
                                                  std::to_string(options_.page_dpi) + ".png");
  std::error_code ec;
  if (!fs::exists(cached, ec)) {
    renders_.acquire();
    Result<RenderedPage> rendered =
        RenderPdfPage(SourceFile(document.path), number, options_.page_dpi, 40'000'000);
    renders_.release();
    if (!rendered.ok()) return SendError(res, HttpStatusOf(rendered.status()), rendered.status().message());
    fs::create_directories(cache_dir_, ec);
    // Written aside and renamed: a reader never sees half an image.
    const fs::path temp = cached.string() + "." + RandomToken() + ".tmp";
    {
      std::ofstream out(temp, std::ios::binary);
      out.write(rendered.value().png.data(), static_cast<std::streamsize>(rendered.value().png.size()));
    }
    fs::rename(temp, cached, ec);
    if (ec) fs::remove(temp, ec);
    res.set_header("Cache-Control", "private, max-age=3600");
    res.set_content(std::move(rendered.value().png), "image/png");
    return;
  }
  std::ifstream in(cached, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  res.set_header("Cache-Control", "private, max-age=3600");
  res.set_content(bytes.str(), "image/png");
}

void HttpReviewServer::Documents(const httplib::Request&, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(store_mutex_);
  Result<std::vector<DocumentSummary>> documents = store_->ListDocuments();
  if (!documents.ok()) return SendErrorPage(res, 500, documents.status().message());
  SendPage(res, "Documents", DocumentsBody(documents.value()), "documents");
}

Result<std::vector<StoredFact>> HttpReviewServer::FactsOf(std::int64_t document_id, int page) {
  FactFilter filter;
  filter.document_id = document_id;
  std::vector<StoredFact> facts;
  BAOCAO_RETURN_IF_ERROR(store_->ForEachFact(filter, [&](const StoredFact& f) {
    if (page == 0 || f.fact.page == page) facts.push_back(f);
  }));
  return facts;
}

void HttpReviewServer::DocumentPage(const httplib::Request& req, httplib::Response& res) {
  const std::int64_t id = RouteNumber(req.matches[1]);
  std::lock_guard<std::mutex> lock(store_mutex_);
  Result<DocumentSummary> document = store_->GetDocument(id);
  if (!document.ok()) return SendErrorPage(res, HttpStatusOf(document.status()), document.status().message());
  Result<std::string> metadata = store_->DocumentMetadataJson(id);
  Result<std::vector<StoredPage>> pages = store_->ListPages(id);
  Result<std::vector<StoredFact>> facts = FactsOf(id, 0);
  if (!pages.ok()) return SendErrorPage(res, 500, pages.status().message());
  if (!facts.ok()) return SendErrorPage(res, 500, facts.status().message());
  SendPage(res, FileName(document.value().path),
           DocumentBody(document.value(), metadata.ok() ? metadata.value() : "{}", pages.value(),
                        facts.value()),
           "document");
}

void HttpReviewServer::PageView(const httplib::Request& req, httplib::Response& res) {
  const std::int64_t id = RouteNumber(req.matches[1]);
  const int number = static_cast<int>(std::min<std::int64_t>(RouteNumber(req.matches[2]), 1 << 30));
  std::lock_guard<std::mutex> lock(store_mutex_);
  Result<DocumentSummary> document = store_->GetDocument(id);
  if (!document.ok()) return SendErrorPage(res, HttpStatusOf(document.status()), document.status().message());
  Result<StoredPage> page = store_->GetPage(id, number);
  if (!page.ok()) return SendErrorPage(res, HttpStatusOf(page.status()), page.status().message());
  Result<std::vector<StoredFact>> facts = FactsOf(id, number);
  if (!facts.ok()) return SendErrorPage(res, 500, facts.status().message());
  SendPage(res, FileName(document.value().path) + " p. " + std::to_string(number),
           PageBody(document.value(), page.value(), IntParam(req, "fact").value_or(0), facts.value()),
           "page");
}

void HttpReviewServer::FactRedirect(const httplib::Request& req, httplib::Response& res) {
  Result<std::int64_t> id = ParseFactId(req.matches[1]);
  if (!id.ok()) return SendErrorPage(res, 400, id.status().message());
  std::lock_guard<std::mutex> lock(store_mutex_);
  Result<StoredFact> fact = store_->GetFact(id.value());
  if (!fact.ok()) return SendErrorPage(res, HttpStatusOf(fact.status()), fact.status().message());
  res.set_redirect("/documents/" + std::to_string(fact.value().document_id) + "/pages/" +
                   std::to_string(std::max(fact.value().fact.page, 1)) + "?fact=" +
                   std::to_string(id.value()) + "#quote");
}

void HttpReviewServer::SeriesPage(const httplib::Request& req, httplib::Response& res) {
  const std::string indicator = Trimmed(req.get_param_value("indicator"));
  const std::vector<std::string> entities = SplitList(req.get_param_value("entity"));
  std::lock_guard<std::mutex> lock(store_mutex_);
  std::string body = "<h1>Series</h1>" + SeriesForm(indicator, entities, IndicatorCatalog());
  if (indicator.empty()) return SendPage(res, "Series", body + "<p>Pick an indicator.</p>", "series");
  Result<std::vector<IndicatorCandidate>> candidates = store_->FindIndicators(indicator);
  if (!candidates.ok() || candidates.value().empty()) {
    body += "<p class=\"error\">No indicator matches “" + EscapeHtml(indicator) + "”.</p>";
    return SendPage(res, "Series", body, "series");
  }
  const IndicatorCandidate& chosen = candidates.value().front();
  std::vector<SeriesPoint> points;
  std::string problems;
  for (std::size_t i = 0; i < std::max<std::size_t>(entities.size(), 1); ++i) {
    SeriesQuery query;
    query.indicator = chosen;
    query.entity = entities.empty() ? "" : entities[i];
    Result<std::vector<SeriesPoint>> found = store_->Series(query);
    if (!found.ok()) {
      problems += "<p class=\"error\">" + EscapeHtml(found.status().message()) + "</p>";
      continue;
    }
    points.insert(points.end(), found.value().begin(), found.value().end());
  }
  ChartOptions chart;
  chart.unit = chosen.unit;
  if (chart.unit.empty() && !points.empty()) chart.unit = ShownUnit(points.front());
  body += "<h2>" + EscapeHtml(chosen.name) + (chosen.code.empty() ? "" : " <small>" + EscapeHtml(chosen.code) + "</small>") +
          "</h2>" + problems + "<p>" + std::to_string(points.size()) +
          " observations. Each point links to the page its value was read from.</p>" +
          SeriesChartSvg(points, chart) + SeriesTable(points);
  if (candidates.value().size() > 1) {
    body += "<h3>Other indicators matching “" + EscapeHtml(indicator) + "”</h3><ul>";
    for (std::size_t i = 1; i < candidates.value().size() && i <= 10; ++i) {
      const IndicatorCandidate& other = candidates.value()[i];
      const std::string key = other.code.empty() ? other.name : other.code;
      body += "<li><a href=\"/series?indicator=" + EscapeHtml(httplib::detail::encode_query_param(key)) +
              "\">" + EscapeHtml(other.name) + "</a></li>";
    }
    body += "</ul>";
  }
  SendPage(res, chosen.name, body, "series");
}

}  // namespace

Result<std::unique_ptr<ReviewServer>> ReviewServer::Start(const ReviewServerOptions& options) {
  if (!IsLoopback(options.host) && options.token.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "serving on " + options.host + " lets other machines in: give --token SECRET too");
  }
  StoreOptions store_options;
  store_options.create_if_missing = false;
  BAOCAO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(options.db, store_options));
  auto server = std::make_unique<HttpReviewServer>(options, std::move(store));
  BAOCAO_RETURN_IF_ERROR(server->Bind());
  server->Serve();
  return std::unique_ptr<ReviewServer>(std::move(server));
}

int ServeReview(const ReviewServerOptions& options, std::ostream& out, std::ostream& err) {
  // Block the stop signals in every thread the server starts; wait for them here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Result<std::unique_ptr<ReviewServer>> server = ReviewServer::Start(options);
  if (!server.ok()) {
    err << "baocao: " << server.status().message() << '\n';
    return server.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  out << "baocao review: serving " << options.db << " at " << server.value()->Url()
      << (options.token.empty() ? "" : "?token=...") << "  (Ctrl-C to stop)" << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  out << "baocao review: stopping" << std::endl;
  server.value()->Stop();
  return kExitOk;
}

}  // namespace baocao::cli
