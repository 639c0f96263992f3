#include "baocao/cli.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../extract/tiny_pdf.h"
#include "baocao/pipeline.h"

namespace baocao::cli {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

RunResult RunArgs(std::initializer_list<std::string> args) {
  std::vector<std::string> storage{"baocao"};
  storage.insert(storage.end(), args);
  std::vector<const char*> argv;
  for (const std::string& a : storage) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const int code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("baocao_cli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    pdf_ = (dir_ / "report.pdf").string();
    std::ofstream(pdf_, std::ios::binary)
        << testing::TinyPdf({{"BT /F1 12 Tf 72 720 Td (Bao cao quy I) Tj ET"},
                             {"BT /F1 12 Tf 72 720 Td (Trang hai) Tj ET"}});
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string pdf_;
};

TEST_F(CliTest, HelpListsExtract) {
  RunResult r = RunArgs({"--help"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_NE(r.out.find("extract"), std::string::npos);
}

TEST_F(CliTest, NoArgumentsPrintsHelp) {
  RunResult r = RunArgs({});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_NE(r.out.find("extract"), std::string::npos);
}

TEST_F(CliTest, VersionNamesProgramAndPoppler) {
  RunResult r = RunArgs({"--version"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out.rfind("baocao ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("Poppler"), std::string::npos);
}

TEST_F(CliTest, UnknownSubcommandOrFlagIsUsageError) {
  EXPECT_EQ(RunArgs({"frobnicate"}).code, kExitUsage);
  EXPECT_EQ(RunArgs({"extract", "--no-such-flag", pdf_}).code, kExitUsage);
}

TEST_F(CliTest, ExtractWithoutFilesIsUsageError) {
  RunResult r = RunArgs({"extract"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_FALSE(r.err.empty());
}

TEST_F(CliTest, ExtractPrintsPagesSeparatedByFormFeed) {
  RunResult r = RunArgs({"extract", pdf_});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  const std::size_t ff = r.out.find('\f');
  ASSERT_NE(ff, std::string::npos);
  EXPECT_LT(r.out.find("Bao cao quy I"), ff);
  EXPECT_GT(r.out.find("Trang hai"), ff);
}

TEST_F(CliTest, ExtractJsonIsOneObjectWithPagesAndWords) {
  RunResult r = RunArgs({"extract", "--json", pdf_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["page_count"], 2);
  ASSERT_EQ(doc["pages"].size(), 2u);
  EXPECT_EQ(doc["pages"][0]["number"], 1);
  EXPECT_EQ(doc["pages"][0]["route"], "text");
  EXPECT_EQ(doc["pages"][0]["words"][0]["text"], "Bao");
  EXPECT_EQ(doc["pages"][0]["words"][0]["box"].size(), 4u);
  EXPECT_EQ(doc["pages"][0]["words"][0]["source"], "text_layer");
  EXPECT_TRUE(doc["fonts"].is_array());
  EXPECT_TRUE(doc["facts"].is_array());
}

TEST_F(CliTest, AMalformedGlyphMemoryStopsExtractNamingTheFile) {
  const std::string memory = (dir_ / "shapes.glyphs").string();
  std::ofstream(memory) << "this is not a memory\n";
  RunResult r = RunArgs({"extract", "--glyph-memory", memory, pdf_});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("shapes.glyphs' line 1"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no document is read with a memory that cannot be trusted";
}

TEST_F(CliTest, AGlyphMemoryOfFontsThatEmbedNothingIsNotWritten) {
  const std::string memory = (dir_ / "shapes.glyphs").string();
  RunResult r = RunArgs({"extract", "--glyph-memory", memory, pdf_});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_FALSE(fs::exists(memory)) << "Times-Roman is not embedded: no outline to learn";
}

TEST_F(CliTest, MissingFileFailsWithItsName) {
  RunResult r = RunArgs({"extract", (dir_ / "absent.pdf").string()});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("absent.pdf"), std::string::npos);
  EXPECT_NE(r.err.find("no such file"), std::string::npos);
}

TEST_F(CliTest, NotAPdfFailsClearly) {
  const std::string text = (dir_ / "notes.pdf").string();
  std::ofstream(text) << "đây không phải là PDF\n";
  RunResult r = RunArgs({"extract", text});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("is not a PDF"), std::string::npos);
}

TEST_F(CliTest, OneBadFileDoesNotStopTheOthers) {
  RunResult r = RunArgs({"extract", (dir_ / "absent.pdf").string(), pdf_});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.out.find("Trang hai"), std::string::npos);
  EXPECT_NE(r.out.find("==> " + pdf_ + " <=="), std::string::npos);
}

TEST_F(CliTest, OutDirWritesOneFilePerInput) {
  const fs::path out = dir_ / "out";
  RunResult r = RunArgs({"extract", "--out-dir", out.string(), pdf_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::ifstream written(out / "report.txt");
  std::stringstream text;
  text << written.rdbuf();
  EXPECT_NE(text.str().find("Trang hai"), std::string::npos);
  EXPECT_NE(r.err.find("2 pages"), std::string::npos);
}

TEST_F(CliTest, NegativeMaxPagesIsUsageError) {
  EXPECT_EQ(RunArgs({"extract", "--max-pages", "-1", pdf_}).code, kExitUsage);
}

// normalize's repairs stay on the page, their spans in the repaired text:
// here eth "ð" for "đ" from a broken font ("Xã ðã làm ðúng").
TEST_F(CliTest, ReadDocumentKeepsRepairsOnThePage) {
  const std::string path = (dir_ / "eth.pdf").string();
  std::ofstream(path, std::ios::binary)
      << testing::TinyPdf({{"BT /F1 12 Tf 72 720 Td (X\xe3 \xf0\xe3 l\xe0m \xf0\xfang) Tj ET"}});
  PipelineOptions options;
  options.extract.ocr = false;
  Result<Document> doc = ReadDocument(path, options);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const Page& page = doc.value().pages.at(0);
  EXPECT_NE(page.text.find("Xã đã làm đúng"), std::string::npos) << page.text;
  ASSERT_EQ(page.repairs.size(), 2u) << page.text;
  std::size_t previous = 0;
  for (const TextRepair& repair : page.repairs) {
    EXPECT_EQ(repair.pass, "glyph_map");
    EXPECT_GE(repair.span.begin, previous);
    ASSERT_LE(repair.span.end, page.text.size());
    EXPECT_NE(page.text.substr(repair.span.begin, repair.span.size()).find("đ"), std::string::npos);
    EXPECT_NE(repair.before.find("ð"), std::string::npos);
    previous = repair.span.begin;
  }
  for (const Word& word : page.words) {
    EXPECT_EQ(word.source, word.text.find("đ") != std::string::npos ? TextSource::kRepaired
                                                                     : TextSource::kTextLayer)
        << word.text;
  }
}

}  // namespace
}  // namespace baocao::cli
