// `baocao repair`: one output line per input line, JSON changes.
#include "baocao/repair_command.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/cli.h"

namespace baocao::cli {
namespace {

struct Output {
  int code;
  std::string out;
  std::string err;
};

Output Repair(const std::string& input, bool json) {
  RepairCommandOptions options;
  options.json = json;
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  const int code = RunRepair(options, in, out, err);
  return {code, out.str(), err.str()};
}

TEST(RepairCommandTest, OneOutputLinePerInputLine) {
  const Output r = Repair("Céng hoµ x· héi chñ nghÜa ViÖt Nam\n\nngƣời\nCông tác\n", false);
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, "Cộng hoà xã hội chủ nghĩa Việt Nam\n\nngười\nCông tác\n");
}

TEST(RepairCommandTest, JsonListsChangesPerLine) {
  const Output r = Repair("Coäng hoøa\nclean line\nthu\xFF\n", true);
  EXPECT_EQ(r.code, kExitOk);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<nlohmann::json> objects;
  while (std::getline(lines, line)) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_EQ(objects[0]["text"], "Cộng hòa");
  ASSERT_EQ(objects[0]["changes"].size(), 2u);
  EXPECT_EQ(objects[0]["changes"][0]["pass"], "legacy");
  EXPECT_EQ(objects[0]["changes"][0]["before"], "Coäng");
  EXPECT_EQ(objects[0]["changes"][0]["source"][0], 0);
  EXPECT_EQ(objects[0]["changes"][0]["source"][1], 6);
  EXPECT_TRUE(objects[1]["changes"].empty());
  EXPECT_EQ(objects[2]["changes"][0]["pass"], "utf8");
}

TEST(RepairCommandTest, MissingFileFails) {
  RepairCommandOptions options;
  options.file = "/nonexistent/baocao-repair-input.txt";
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(RunRepair(options, in, out, err), kExitFailure);
  EXPECT_NE(err.str().find("baocao-repair-input.txt"), std::string::npos);
}

TEST(RepairCommandTest, RegisteredInTheCli) {
  const char* argv[] = {"baocao", "repair", "--help"};
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(cli::Run(3, argv, out, err), kExitOk);
  EXPECT_NE(out.str().find("--json"), std::string::npos);
}

}  // namespace
}  // namespace baocao::cli
