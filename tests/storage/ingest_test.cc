// `baocao ingest` and the query commands, run in-process through cli::Run,
// and a batch killed with SIGKILL and run again as a real child process.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../extract/tiny_pdf.h"
#include "baocao/cli.h"
#include "baocao/storage.h"
#include "test_store.h"

extern char** environ;

namespace baocao::cli {
namespace {

namespace fs = std::filesystem;
using testing::QueryInt;
using testing::TempDir;

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

RunResult RunArgs(const std::vector<std::string>& args) {
  std::vector<std::string> all{"baocao"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& a : all) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const int code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

void WritePdf(const fs::path& path, const std::vector<std::string>& page_texts) {
  std::vector<baocao::testing::TinyPage> pages;
  for (const std::string& text : page_texts)
    pages.push_back({"BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET"});
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << baocao::testing::TinyPdf(pages);
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    input_ = dir_.path() / "input";
    db_ = dir_.File("store.db");
    WritePdf(input_ / "2024" / "q1.pdf", {"Bao cao quy I", "Ty le ho so dung han"});
    WritePdf(input_ / "2024" / "q2.pdf", {"Bao cao quy II"});
    // A damaged PDF: the header is right, the rest is not.
    std::ofstream(input_ / "damaged.pdf", std::ios::binary)
        << "%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage";
    std::ofstream(input_ / "fake.pdf", std::ios::binary) << "just text named .pdf";
    std::ofstream(input_ / "notes.txt") << "not a PDF at all";
  }

  TempDir dir_;
  fs::path input_;
  std::string db_;
};

TEST_F(IngestTest, FolderWithABadFileAmongGoodOnes) {
  const RunResult r = RunArgs({"ingest", input_.string(), "--db", db_, "-j", "2", "--no-ocr"});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(
      r.out.find("ingested 2 documents, 3 pages; 0 already in the store; 1 failed; 2 skipped"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("pages by route: text 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("damaged.pdf: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fake.pdf: named .pdf but has no %PDF- header"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("notes.txt: not a .pdf file"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("[3/3] "), std::string::npos)
      << r.err;  // not a terminal: one log line per file
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM documents WHERE status = 'ok'"), 2);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM documents WHERE status = 'failed'"), 1);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM pages"), 3);

  // Running again adds nothing; the damaged file is tried again and fails again.
  const RunResult again = RunArgs({"ingest", input_.string(), "--db", db_, "--no-ocr"});
  EXPECT_EQ(again.code, kExitOk) << again.err;
  EXPECT_NE(again.out.find("ingested 0 documents, 0 pages; 2 already in the store; 1 failed"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM documents"), 3);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM pages"), 3);

  // Forced, the documents are read again, still once each.
  const RunResult forced = RunArgs({"ingest", input_.string(), "--db", db_, "--force", "--no-ocr"});
  EXPECT_EQ(forced.code, kExitOk) << forced.err;
  EXPECT_NE(forced.out.find("ingested 2 documents, 3 pages"), std::string::npos) << forced.out;
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM pages"), 3);
}

TEST_F(IngestTest, NothingIngestableFails) {
  const RunResult r = RunArgs(
      {"ingest", (input_ / "damaged.pdf").string(), (input_ / "notes.txt").string(), "--db", db_});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("nothing could be ingested"), std::string::npos) << r.err;
  EXPECT_EQ(RunArgs({"ingest", dir_.File("missing"), "--db", db_}).code, kExitFailure);
}

TEST_F(IngestTest, UnusableStoreFails) {
  std::ofstream(dir_.File("not_a_store.db")) << std::string(4096, 'z');
  const RunResult r = RunArgs({"ingest", input_.string(), "--db", dir_.File("not_a_store.db")});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("not_a_store.db"), std::string::npos) << r.err;
}

TEST_F(IngestTest, SearchStatsAndExport) {
  ASSERT_EQ(RunArgs({"ingest", input_.string(), "--db", db_, "--no-ocr"}).code, kExitOk);

  RunResult search = RunArgs({"search", "ho so", "--db", db_});
  EXPECT_EQ(search.code, kExitOk) << search.err;
  EXPECT_NE(search.out.find("q1.pdf:2: Ty le [ho] [so] dung han"), std::string::npos) << search.out;

  RunResult stats = RunArgs({"stats", "--db", db_});
  EXPECT_EQ(stats.code, kExitOk);
  EXPECT_NE(stats.out.find("documents: 2 (and 1 files that failed)"), std::string::npos)
      << stats.out;
  EXPECT_NE(stats.out.find("  text: 3"), std::string::npos) << stats.out;

  // Facts come from the rules stage; put two in directly to export them.
  {
    auto store = Store::Open(db_, StoreOptions()).value();
    Document doc;
    doc.path = "facts.pdf";
    doc.pages.push_back(testing::MakePage(1, "x"));
    doc.facts.push_back(
        testing::MakeFact("reference", 1, 0, {{"number", std::string("12/2024/NĐ-CP")}}));
    doc.facts.back().quote = "Nghị định 12/2024/NĐ-CP, \"mới\"";
    doc.facts.push_back(
        testing::MakeFact("indicator", 1, 0, {{"label", std::string("x")}, {"value", 3.0}}));
    ASSERT_TRUE(store->PutDocument(doc, testing::RecordFor("facts"), PutOptions()).ok());
  }
  RunResult jsonl = RunArgs({"export", "--format", "jsonl", "--db", db_});
  EXPECT_EQ(jsonl.code, kExitOk);
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 2);
  EXPECT_NE(jsonl.out.find("\"fields\":{\"number\":\"12/2024/NĐ-CP\"}"), std::string::npos)
      << jsonl.out;

  RunResult csv = RunArgs({"export", "--format", "csv", "--kind", "reference", "--db", db_});
  EXPECT_EQ(csv.code, kExitOk);
  EXPECT_NE(csv.out.find("id,document,kind,page,span_begin,span_end,confidence,rule,review_status,"
                         "quote,fields\r\n"),
            std::string::npos);
  EXPECT_NE(csv.out.find(",\"Nghị định 12/2024/NĐ-CP, \"\"mới\"\"\","), std::string::npos)
      << csv.out;
  EXPECT_EQ(csv.out.find("indicator"), std::string::npos);

  EXPECT_EQ(RunArgs({"export", "--format", "xml", "--db", db_}).code, kExitUsage);
  EXPECT_EQ(RunArgs({"stats", "--db", dir_.File("nowhere.db")}).code, kExitFailure);
  EXPECT_FALSE(fs::exists(dir_.File("nowhere.db")));  // queries never create a store
}

// --- kill -9 in the middle of a batch -----------------------------------

pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int WaitFor(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(IngestKillTest, ResumesAfterSigkillWithoutDuplicatesOrLosses) {
  TempDir dir;
  const fs::path input = dir.path() / "batch";
  constexpr int kFiles = 600;
  constexpr int kPagesEach = 3;
  for (int i = 0; i < kFiles; ++i) {
    std::vector<std::string> pages;
    for (int p = 1; p <= kPagesEach; ++p) {
      pages.push_back("Bao cao so " + std::to_string(i) + " trang " + std::to_string(p));
    }
    WritePdf(input / ("r" + std::to_string(i / 100)) / ("report_" + std::to_string(i) + ".pdf"),
             pages);
  }
  const std::string db = dir.File("batch.db");
  const std::vector<std::string> command = {BAOCAO_BINARY, "ingest", input.string(), "--db", db,
                                            "-j",          "2",      "--no-ocr"};

  const pid_t pid = Spawn(command);
  ASSERT_GT(pid, 0);
  // Wait until the first documents are committed, then kill the batch.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  long long committed = 0;
  while (committed < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (fs::exists(db)) committed = QueryInt(db, "SELECT count(*) FROM documents");
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  const int status = WaitFor(pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the batch ended before it was killed";

  const long long after_kill = QueryInt(db, "SELECT count(*) FROM documents");
  EXPECT_GE(after_kill, 20);
  EXPECT_LT(after_kill, kFiles) << "the batch finished before the kill: make it larger";
  // What was committed is whole: every document has all its pages, indexed.
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM pages"), after_kill * kPagesEach);
  EXPECT_EQ(QueryInt(db,
                     "SELECT count(*) FROM documents d WHERE d.pages <> "
                     "(SELECT count(*) FROM pages p WHERE p.document_id = d.id)"),
            0);

  const int rerun = WaitFor(Spawn(command));
  ASSERT_TRUE(WIFEXITED(rerun));
  EXPECT_EQ(WEXITSTATUS(rerun), 0);

  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM documents"), kFiles);
  EXPECT_EQ(QueryInt(db, "SELECT count(DISTINCT path) FROM documents"), kFiles);
  EXPECT_EQ(QueryInt(db, "SELECT count(DISTINCT sha256) FROM documents"), kFiles);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM documents WHERE status <> 'ok'"), 0);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM pages"), kFiles * kPagesEach);
  EXPECT_EQ(QueryInt(db,
                     "SELECT count(*) FROM documents d WHERE d.pages <> "
                     "(SELECT count(*) FROM pages p WHERE p.document_id = d.id)"),
            0);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM page_search WHERE page_search MATCH 'trang'"),
            kFiles * kPagesEach);
  // The first documents were not read twice: their rows kept their ids.
  EXPECT_EQ(QueryInt(db, "SELECT max(id) FROM documents"), kFiles);
}

}  // namespace
}  // namespace baocao::cli
