#include "corpus.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace baocao::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const nlohmann::json& Manifest() {
  static const nlohmann::json manifest = nlohmann::json::parse(ReadFile(CorpusDir() + "/manifest.json"));
  return manifest;
}

}  // namespace

std::string CorpusDir() { return std::string(BAOCAO_SOURCE_DIR) + "/corpus"; }

std::vector<CorpusFile> CorpusFiles() {
  std::map<std::string, std::string> split_of;
  for (const auto& doc : Manifest()["documents"]) split_of[doc["id"]] = doc["split"];
  std::vector<CorpusFile> files;
  for (const auto& entry : Manifest()["files"]) {
    CorpusFile file;
    file.path = CorpusDir() + "/" + entry["path"].get<std::string>();
    file.doc = entry["doc"];
    file.variant = entry["variant"];
    file.split = split_of[file.doc];
    for (const auto& page : entry["pages"]) file.pages.push_back({page["page"], page["route"]});
    files.push_back(std::move(file));
  }
  return files;
}

std::vector<CorpusFile> CorpusFiles(const std::string& variant) {
  std::vector<CorpusFile> out;
  for (CorpusFile& f : CorpusFiles()) {
    if (f.variant == variant) out.push_back(std::move(f));
  }
  return out;
}

std::vector<BadFile> BadFiles() {
  std::vector<BadFile> out;
  for (const auto& entry : Manifest()["bad"]) {
    out.push_back({CorpusDir() + "/" + entry["path"].get<std::string>(), entry["expect"],
                   entry["description"]});
  }
  return out;
}

std::string TruthPage(const std::string& doc, int page) {
  char name[32];
  std::snprintf(name, sizeof name, "/page-%03d.txt", page);
  return ReadFile(CorpusDir() + "/truth/" + doc + name);
}

}  // namespace baocao::testing
