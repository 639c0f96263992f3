// End to end: the corpus's bad-input set gives clear errors, never a crash.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "baocao/extract.h"
#include "corpus.h"
#include "eval/text_metrics.h"

namespace baocao {
namespace {

std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string CleanText(const std::string& doc) {
  for (const testing::CorpusFile& f : testing::CorpusFiles("clean")) {
    if (f.doc == doc) return ExtractPdf(f.path, {}).value().Text();
  }
  return "";
}

TEST(BadInputTest, EveryCaseBehavesAsTheManifestSays) {
  const std::vector<testing::BadFile> bad = testing::BadFiles();
  ASSERT_GE(bad.size(), 8u);
  const std::string reference = eval::ComparableText(CleanText("002"));
  for (const testing::BadFile& file : bad) {
    SCOPED_TRACE(file.path + ": " + file.description);
    Result<Document> doc = ExtractPdf(file.path, {});
    std::printf("%-18s expect %-16s -> %s\n", FileName(file.path).c_str(), file.expect.c_str(),
                doc.ok() ? ("ok, " + std::to_string(doc.value().pages.size()) + " pages").c_str()
                         : doc.status().ToString().c_str());
    if (file.expect == "error") {
      ASSERT_FALSE(doc.ok());
      EXPECT_NE(doc.status().message().find(FileName(file.path)), std::string::npos)
          << "the message must name the file: " << doc.status().message();
    } else if (file.expect == "extract") {
      ASSERT_TRUE(doc.ok()) << doc.status().ToString();
      EXPECT_FALSE(doc.value().Text().empty());
    } else if (file.expect == "extract-empty") {
      ASSERT_TRUE(doc.ok()) << doc.status().ToString();
      EXPECT_EQ(eval::ComparableText(doc.value().Text()), "");
    } else if (!doc.ok()) {  // error-or-partial: either is fine, but say which file
      EXPECT_NE(doc.status().message().find(FileName(file.path)), std::string::npos);
    }
  }
}

TEST(BadInputTest, DamagedCopiesOfACleanFileReadLikeIt) {
  const std::string reference = eval::ComparableText(CleanText("002"));
  ASSERT_FALSE(reference.empty());
  for (const std::string name : {"owner-only.pdf", "broken-xref.pdf", "leading-junk.pdf"}) {
    Result<Document> doc = ExtractPdf(testing::CorpusDir() + "/bad/" + name, {});
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.status().ToString();
    const eval::EditCounts c = eval::CharacterEdits(eval::ComparableText(doc.value().Text()), reference);
    EXPECT_EQ(c.edits, 0u) << name;
  }
}

TEST(BadInputTest, EncryptedOpensWithThePassword) {
  ExtractOptions options;
  options.password = "secret";
  Result<Document> doc = ExtractPdf(testing::CorpusDir() + "/bad/encrypted.pdf", options);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(eval::ComparableText(doc.value().Text()), eval::ComparableText(CleanText("002")));

  options.password = "wrong";
  Result<Document> wrong = ExtractPdf(testing::CorpusDir() + "/bad/encrypted.pdf", options);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kEncrypted);
}

// The real program over the whole set: exit code 1 for the failures, never a signal.
TEST(BadInputTest, ProgramSurvivesTheWholeSet) {
  const std::string command = std::string(BAOCAO_BINARY) + " extract " + testing::CorpusDir() +
                              "/bad/*.pdf > /dev/null 2> /dev/null";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << "baocao was killed by a signal";
  EXPECT_EQ(WEXITSTATUS(status), 1);
}

}  // namespace
}  // namespace baocao
