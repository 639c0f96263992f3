// The review web server at the HTTP level: every endpoint, the decisions and
// their effect on the store, and the security cases (CSRF, Host, token,
// request size, escaping, a client that goes away mid-response).
#include "baocao/review_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "baocao/storage.h"
#include "temp_dir.h"

namespace baocao::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSamplePdf = std::string(BAOCAO_SOURCE_DIR) + "/corpus/pdf/clean/002.pdf";

// Page text of the sample document: an indicator sentence with a repaired
// syllable, and a quote carrying markup that must reach the page as text.
const std::string kText =
    "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2023 đạt 97,5%.\n"
    "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2024 đạt 98,2%.\n"
    "Ghi chú <script>alert(1)</script> hết.\n";

std::size_t Find(const std::string& needle) { return kText.find(needle); }

Fact Indicator(int year, const std::string& value_text, double value, double confidence) {
  Fact fact;
  fact.kind = "indicator";
  fact.page = 1;
  const std::string quote = "năm " + std::to_string(year) + " đạt " + value_text;
  fact.span = {Find(quote), Find(quote) + quote.size()};
  fact.quote = quote;
  fact.rule = "indicator.prose";
  fact.confidence = confidence;
  fact.fields = {{"label", std::string("Tỷ lệ hồ sơ giải quyết đúng hạn")},
                 {"code", std::string("ty_le_ho_so_dung_han")},
                 {"value", value},
                 {"unit", std::string("%")},
                 {"period_start", std::to_string(year) + "-01-01"},
                 {"period_end", std::to_string(year) + "-12-31"},
                 {"entity", std::string("huyện Thọ Xuân")}};
  return fact;
}

Document SampleDocument() {
  Document doc;
  doc.path = kSamplePdf;
  doc.file_size = 1000;
  Page page;
  page.number = 1;
  page.width = 595;
  page.height = 842;
  page.text = kText;
  page.quality = 0.8;
  page.route = PageRoute::kRepaired;
  // "hạn" of the second line was guessed by the lost-character repair.
  const std::size_t han = kText.find("hạn", kText.find('\n'));
  page.repairs.push_back({"lost_chars", "", {han, han + std::string("hạn").size()}, "h n", 0.72,
                          {"hơn", "hồn"}});
  double x = 40;
  std::size_t pos = 0;
  while (pos < kText.size()) {
    const std::size_t end = std::min(kText.find_first_of(" \n", pos), kText.size());
    if (end > pos) {
      Word w;
      w.text = kText.substr(pos, end - pos);
      w.span = {pos, end};
      w.box = {x, 100, x + 30, 112};
      w.source = TextSource::kTextLayer;
      page.words.push_back(w);
      x += 32;
    }
    pos = end + 1;
  }
  doc.pages.push_back(page);
  doc.facts.push_back(Indicator(2023, "97,5%", 97.5, 0.55));
  doc.facts.push_back(Indicator(2024, "98,2%", 98.2, 0.62));
  Fact note;
  note.kind = "reference";
  note.page = 1;
  note.span = {Find("<script>"), Find("<script>") + 8};
  note.quote = "<script>";
  note.rule = "reference.admin";
  note.confidence = 0.4;
  note.fields = {{"number", std::string("<script>alert(1)</script>")}};
  doc.facts.push_back(note);
  return doc;
}

class ReviewServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("store.db");
    auto store = Store::Open(db_, StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto put = store.value()->PutDocument(SampleDocument(), {std::string(64, 'a'), "test", "2024-05-01T08:00:00Z"}, {});
    ASSERT_TRUE(put.ok()) << put.status().message();
    document_id_ = put.value().document_id;
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void StartServer(ReviewServerOptions options = {}) {
    options.db = db_;
    options.port = 0;
    options.cache_dir = dir_.File("cache");
    auto started = ReviewServer::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().message();
    server_ = std::move(started).value();
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", server_->Port());
    client.set_read_timeout(20, 0);
    return client;
  }

  json GetJson(const std::string& path) {
    auto res = Client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
    return json::parse(res->body);
  }

  httplib::Result Post(const std::string& path, const json& body, bool with_csrf = true,
                       httplib::Headers extra = {}) {
    httplib::Headers headers = extra;
    if (with_csrf) headers.emplace("X-CSRF-Token", server_->CsrfToken());
    return Client().Post(path.c_str(), headers, body.dump(), "application/json");
  }

  json Queue(const std::string& query = "") { return GetJson("/api/queue" + query); }

  std::int64_t FirstQueuedId() { return Queue()["facts"][0]["id"]; }

  std::unique_ptr<Store> OpenStore() {
    auto store = Store::Open(db_, StoreOptions{});
    EXPECT_TRUE(store.ok());
    return std::move(store).value();
  }

  testing::TempDir dir_;
  std::string db_;
  std::int64_t document_id_ = 0;
  std::unique_ptr<ReviewServer> server_;
};

TEST_F(ReviewServerTest, QueueListsFactsNeedingReviewLowestConfidenceFirst) {
  StartServer();
  const json queue = Queue();
  EXPECT_EQ(queue["total"], 3);
  ASSERT_EQ(queue["facts"].size(), 3u);
  EXPECT_EQ(queue["facts"][0]["kind"], "reference");
  EXPECT_DOUBLE_EQ(queue["facts"][1]["confidence"].get<double>(), 0.55);
  EXPECT_DOUBLE_EQ(queue["facts"][2]["confidence"].get<double>(), 0.62);
  EXPECT_EQ(Queue("?kind=indicator")["total"], 2);
  EXPECT_EQ(Queue("?document=" + std::to_string(document_id_ + 1))["total"], 0);
  EXPECT_EQ(Queue("?entity=Th%E1%BB%8D%20Xu%C3%A2n")["total"], 2);  // "Thọ Xuân"
  const json second = Queue("?limit=1&offset=1");
  EXPECT_EQ(second["total"], 3);
  ASSERT_EQ(second["facts"].size(), 1u);
  EXPECT_DOUBLE_EQ(second["facts"][0]["confidence"].get<double>(), 0.55);
}

TEST_F(ReviewServerTest, FactShowsContextRepairsBoxesAndEditableFields) {
  StartServer();
  const std::int64_t id = Queue("?kind=indicator")["facts"][1]["id"];  // the 2024 one
  const json fact = GetJson("/api/facts/" + std::to_string(id));
  EXPECT_EQ(fact["quote"], "năm 2024 đạt 98,2%");
  EXPECT_EQ(fact["image"], "/pages/" + std::to_string(document_id_) + "/1.png");
  EXPECT_EQ(fact["boxes"].size(), 4u);  // năm 2024 đạt 98,2%
  std::string context, quote;
  bool repair_marked = false;
  for (const json& piece : fact["context"]) {
    context += piece["text"].get<std::string>();
    if (piece["quote"]) quote += piece["text"].get<std::string>();
    if (piece["repair"] >= 0 && piece["text"] == "hạn") repair_marked = true;
  }
  EXPECT_NE(context.find("Tỷ lệ hồ sơ giải quyết đúng hạn năm 2024"), std::string::npos);
  EXPECT_EQ(quote, "năm 2024 đạt 98,2%");
  EXPECT_TRUE(repair_marked);
  ASSERT_EQ(fact["repairs"].size(), 1u);
  EXPECT_EQ(fact["repairs"][0]["before"], "h n");
  EXPECT_EQ(fact["repairs"][0]["alternatives"], json({"hơn", "hồn"}));
  bool value_editable = false;
  for (const json& field : fact["editable"]) {
    if (field["name"] == "value") {
      value_editable = field["type"] == "number" && field["value"] == "98.2";
    }
  }
  EXPECT_TRUE(value_editable);
  EXPECT_EQ(Client().Get("/api/facts/999999")->status, 404);
}

TEST_F(ReviewServerTest, AcceptRejectAndUndoChangeTheStoreAndTheLog) {
  StartServer();
  const std::int64_t id = FirstQueuedId();
  auto res = Post("/api/facts/" + std::to_string(id), {{"action", "accept"}, {"revision", 0}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["fact"]["review"], "accepted");
  EXPECT_EQ(Queue()["total"], 2);
  EXPECT_EQ(OpenStore()->GetFact(id).value().review, ReviewStatus::kAccepted);

  res = Post("/api/facts/" + std::to_string(id), {{"action", "undo"}, {"revision", 1}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["fact"]["review"], "needs_review");
  EXPECT_EQ(Queue()["total"], 3);

  res = Post("/api/facts/" + std::to_string(id), {{"action", "reject"}, {"revision", 2}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(OpenStore()->GetFact(id).value().review, ReviewStatus::kRejected);
  EXPECT_GE(OpenStore()->ReviewLog(id).value().size(), 3u);
}

TEST_F(ReviewServerTest, CorrectionIsValidatedAndShowsInTheSeries) {
  StartServer();
  const std::int64_t id = Queue("?kind=indicator")["facts"][1]["id"];  // 2024: 98.2
  const std::string url = "/api/facts/" + std::to_string(id);
  auto res = Post(url, {{"action", "correct"}, {"revision", 0}, {"fields", {{"value", "98,5"}}}});
  ASSERT_EQ(res->status, 400) << res->body;
  EXPECT_TRUE(json::parse(res->body)["fields"].contains("value"));
  res = Post(url, {{"action", "correct"}, {"revision", 0}, {"fields", {{"period_end", "2024-02-30"}}}});
  EXPECT_EQ(res->status, 400) << res->body;
  res = Post(url, {{"action", "correct"}, {"revision", 0}, {"fields", {{"no_such_field", "1"}}}});
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(OpenStore()->GetFact(id).value().revision, 0);  // nothing was written

  res = Post(url, {{"action", "correct"}, {"revision", 0}, {"fields", {{"value", "98.5"}}}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["fact"]["review"], "corrected");

  auto store = OpenStore();
  auto candidates = store->FindIndicators("ty le ho so dung han");
  ASSERT_TRUE(candidates.ok() && !candidates.value().empty());
  SeriesQuery query;
  query.indicator = candidates.value().front();
  auto series = store->Series(query);
  ASSERT_TRUE(series.ok());
  bool corrected = false;
  for (const SeriesPoint& p : series.value()) {
    if (p.fact_id == id) corrected = p.value == 98.5 && p.review == ReviewStatus::kCorrected;
  }
  EXPECT_TRUE(corrected);

  auto page = Client().Get("/series?indicator=ty+le+ho+so+dung+han");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("data-fact=\"" + std::to_string(id) + "\""), std::string::npos);
  EXPECT_NE(page->body.find("data-value=\"98.5\""), std::string::npos);
  EXPECT_NE(page->body.find("<svg"), std::string::npos);
}

TEST_F(ReviewServerTest, CorrectingTwoFieldsIsOneDecisionThatOneUndoReverts) {
  StartServer();
  const std::int64_t id = Queue("?kind=indicator")["facts"][0]["id"];  // 2023: 97.5
  const std::string url = "/api/facts/" + std::to_string(id);
  auto res = Post(url, {{"action", "correct"}, {"revision", 0},
                        {"fields", {{"value", "96.5"}, {"unit", "phần trăm"}}}});
  ASSERT_EQ(res->status, 200) << res->body;
  const json fact = json::parse(res->body)["fact"];
  EXPECT_EQ(fact["revision"], 1);
  EXPECT_EQ(fact["fields"]["value"], 96.5);
  EXPECT_EQ(fact["fields"]["unit"], "phần trăm");
  res = Post(url, {{"action", "undo"}, {"revision", 1}});
  ASSERT_EQ(res->status, 200) << res->body;
  const json undone = json::parse(res->body)["fact"];
  EXPECT_EQ(undone["review"], "needs_review");
  EXPECT_EQ(undone["fields"]["value"], 97.5);
  EXPECT_EQ(undone["fields"]["unit"], "%");
}

TEST_F(ReviewServerTest, StaleRevisionIsAConflictAndBothDecisionsAreKept) {
  StartServer();
  const std::int64_t id = FirstQueuedId();
  const std::string url = "/api/facts/" + std::to_string(id);
  ASSERT_EQ(Post(url, {{"action", "accept"}, {"revision", 0}})->status, 200);
  // A second reviewer who opened the fact before the first decided.
  auto res = Post(url, {{"action", "reject"}, {"revision", 0}});
  ASSERT_EQ(res->status, 409) << res->body;
  const json body = json::parse(res->body);
  EXPECT_EQ(body["fact"]["review"], "accepted");
  EXPECT_EQ(OpenStore()->GetFact(id).value().review, ReviewStatus::kAccepted);
  // Seeing the current state, the second reviewer may still decide.
  ASSERT_EQ(Post(url, {{"action", "reject"}, {"revision", body["fact"]["revision"]}})->status, 200);
  EXPECT_EQ(OpenStore()->ReviewLog(id).value().size(), 2u);
}

TEST_F(ReviewServerTest, StateChangesNeedTheCsrfTokenJsonAndTheSameOrigin) {
  StartServer();
  const std::string url = "/api/facts/" + std::to_string(FirstQueuedId());
  const json accept = {{"action", "accept"}, {"revision", 0}};
  EXPECT_EQ(Post(url, accept, /*with_csrf=*/false)->status, 403);
  EXPECT_EQ(Post(url, accept, false, {{"X-CSRF-Token", "0123456789abcdef0123456789abcdef"}})->status, 403);
  EXPECT_EQ(Post(url, accept, true, {{"Origin", "http://evil.example"}})->status, 403);
  httplib::Headers headers = {{"X-CSRF-Token", server_->CsrfToken()}};
  EXPECT_EQ(Client().Post(url.c_str(), headers, "action=accept", "application/x-www-form-urlencoded")->status, 415);
  EXPECT_EQ(Post(url, json{{"action", "delete"}, {"revision", 0}})->status, 400);
  EXPECT_EQ(Post(url, json::array())->status, 400);
  EXPECT_EQ(Queue()["total"], 3);  // none of these changed anything
  // The page carries the token the script sends.
  auto page = Client().Get("/queue");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("content=\"" + server_->CsrfToken() + "\""), std::string::npos);
}

TEST_F(ReviewServerTest, ForeignHostHeaderIsRefused) {
  StartServer();
  auto res = Client().Get("/api/queue", {{"Host", "attacker.example:" + std::to_string(server_->Port())}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 421);
  EXPECT_EQ(Client().Get("/api/queue", {{"Host", "localhost:" + std::to_string(server_->Port())}})->status, 200);
}

TEST_F(ReviewServerTest, LargeRequestsAreRefused) {
  StartServer();
  const std::string url = "/api/facts/" + std::to_string(FirstQueuedId());
  json big = {{"action", "correct"}, {"revision", 0}, {"fields", {{"label", std::string(200 * 1024, 'x')}}}};
  auto res = Post(url, big);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Queue()["total"], 3);
}

TEST_F(ReviewServerTest, TokenIsRequiredWhenSet) {
  ReviewServerOptions options;
  options.token = "s3cret-token-for-tests";
  StartServer(options);
  EXPECT_EQ(Client().Get("/api/queue")->status, 401);
  EXPECT_EQ(Client().Get("/api/queue", {{"Authorization", "Bearer wrong"}})->status, 401);
  EXPECT_EQ(Client().Get("/api/queue", {{"Authorization", "Bearer s3cret-token-for-tests"}})->status, 200);
  auto first = Client().Get("/queue?token=s3cret-token-for-tests");
  ASSERT_EQ(first->status, 200);
  EXPECT_NE(first->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
  EXPECT_EQ(Client().Get("/api/queue", {{"Cookie", "baocao_token=s3cret-token-for-tests"}})->status, 200);
}

TEST_F(ReviewServerTest, NonLoopbackHostNeedsAToken) {
  ReviewServerOptions options;
  options.db = db_;
  options.host = "0.0.0.0";
  options.port = 0;
  auto started = ReviewServer::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(started.status().message().find("--token"), std::string::npos);
}

TEST_F(ReviewServerTest, MissingStoreIsNotCreated) {
  ReviewServerOptions options;
  options.db = dir_.File("missing.db");
  options.port = 0;
  auto started = ReviewServer::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(options.db));
}

TEST_F(ReviewServerTest, PageImageIsRenderedOnceAndCached) {
  StartServer();
  const std::string url = "/pages/" + std::to_string(document_id_) + "/1.png";
  auto res = Client().Get(url.c_str());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/png");
  ASSERT_GT(res->body.size(), 8u);
  EXPECT_EQ(res->body.substr(1, 3), "PNG");
  std::size_t cached = 0;
  for (const auto& entry : fs::directory_iterator(dir_.path() / "cache")) cached += entry.path().extension() == ".png";
  EXPECT_EQ(cached, 1u);
  EXPECT_EQ(Client().Get(url.c_str())->body, res->body);
  EXPECT_EQ(Client().Get(("/pages/" + std::to_string(document_id_) + "/2.png").c_str())->status, 404);
  EXPECT_EQ(Client().Get("/pages/999/1.png")->status, 404);
  EXPECT_EQ(Client().Get("/pages/99999999999999999999999/1.png")->status, 404);
  EXPECT_EQ(Client().Get("/documents/99999999999999999999999")->status, 404);
  // Only ids and numbers address pages: a path is not a route.
  EXPECT_EQ(Client().Get("/pages/..%2F..%2Fetc%2Fpasswd")->status, 404);
}

TEST_F(ReviewServerTest, DocumentPageEscapesWhatDocumentsSay) {
  StartServer();
  auto res = Client().Get(("/documents/" + std::to_string(document_id_)).c_str());
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body.find("<script>alert"), std::string::npos);
  EXPECT_NE(res->body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(res->body.find("002.pdf"), std::string::npos);
  EXPECT_NE(res->body.find("repaired"), std::string::npos);  // the page's route
  auto page = Client().Get(("/documents/" + std::to_string(document_id_) + "/pages/1").c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("<script>alert"), std::string::npos);
  EXPECT_NE(page->body.find("class=\"repair\""), std::string::npos);
  EXPECT_EQ(Client().Get("/documents/999")->status, 404);
  EXPECT_EQ(Client().Get(("/documents/" + std::to_string(document_id_) + "/pages/9").c_str())->status, 404);
  auto list = Client().Get("/documents");
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("002.pdf"), std::string::npos);
}

TEST_F(ReviewServerTest, FactLinkLeadsToItsPage) {
  StartServer();
  const std::int64_t id = FirstQueuedId();
  auto res = Client().Get(("/facts/" + std::to_string(id)).c_str());
  ASSERT_EQ(res->status, 302);
  EXPECT_EQ(res->get_header_value("Location"), "/documents/" + std::to_string(document_id_) +
                                                   "/pages/1?fact=" + std::to_string(id) + "#quote");
}

TEST_F(ReviewServerTest, SurvivesAClientThatLeavesMidResponse) {
  StartServer();
  for (int i = 0; i < 5; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(server_->Port()));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    const std::string request = "GET /pages/" + std::to_string(document_id_) + "/1.png HTTP/1.1\r\nHost: 127.0.0.1:" +
                                std::to_string(server_->Port()) + "\r\n\r\n";
    ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
    char some[64];
    if (i % 2 == 1) (void)::recv(fd, some, sizeof some, 0);  // read a little, then go
    ::close(fd);
  }
  EXPECT_EQ(Queue()["total"], 3);
}

TEST_F(ReviewServerTest, StaticAssetsAndUnknownRoutes) {
  StartServer();
  auto script = Client().Get("/static/review.js");
  ASSERT_EQ(script->status, 200);
  EXPECT_NE(script->body.find("X-CSRF-Token"), std::string::npos);
  EXPECT_EQ(Client().Get("/static/review.css")->status, 200);
  EXPECT_EQ(Client().Get("/nowhere")->status, 404);
  EXPECT_EQ(Client().Get("/")->status, 302);
  auto queue = Client().Get("/queue");
  EXPECT_NE(queue->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
}

}  // namespace
}  // namespace baocao::cli
