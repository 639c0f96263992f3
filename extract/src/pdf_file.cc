#include "pdf_file.h"

#include <Error.h>
#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <goo/GooString.h>
#include <goo/gmem.h>
#include <PDFDoc.h>
#include <PDFDocEncoding.h>
#include <UTF.h>

#include "utf8.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

namespace baocao::extract_internal {
namespace {

thread_local PopplerMessages* current_messages = nullptr;
thread_local std::vector<std::string>* current_sink = nullptr;

void OnPopplerError(ErrorCategory category, Goffset pos, const char* msg) {
  if (current_sink == nullptr) return;  // no reader on this thread listens
  std::string text = category == errSyntaxWarning ? "warning: " : "";
  text += msg;
  if (pos >= 0) text += " (at byte " + std::to_string(pos) + ")";
  // A damaged file can raise thousands of identical messages; keep a sample.
  if (current_sink->size() < 50) current_sink->push_back(std::move(text));
}

// Poppler needs one process-wide GlobalParams before any document is opened.
void InitPopplerOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    globalParams = std::make_unique<GlobalParams>();
    globalParams->setErrQuiet(false);
    setErrorCallback(&OnPopplerError);
  });
}

std::string Quoted(const std::string& path) { return "'" + path + "'"; }

Status CheckReadablePdfFile(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path fs_path(path);
  if (!std::filesystem::exists(fs_path, ec)) {
    return Status(StatusCode::kNotFound, Quoted(path) + ": no such file");
  }
  if (std::filesystem::is_directory(fs_path, ec)) {
    return Status(StatusCode::kInvalidArgument, Quoted(path) + " is a folder, not a PDF file");
  }
  std::ifstream in(fs_path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kPermissionDenied,
                  Quoted(path) + ": cannot be read (" + std::strerror(errno) + ")");
  }
  char head[1024] = {};
  in.read(head, sizeof head);
  const auto got = static_cast<std::size_t>(in.gcount());
  if (got == 0) {
    return Status(StatusCode::kNotPdf, Quoted(path) + " is empty (0 bytes), not a PDF");
  }
  // Readers accept the header anywhere in the first kilobyte.
  if (std::string_view(head, got).find("%PDF-") == std::string_view::npos) {
    return Status(StatusCode::kNotPdf,
                  Quoted(path) + " is not a PDF: no '%PDF-' header in its first 1024 bytes");
  }
  return Status::Ok();
}

std::shared_ptr<PDFDoc> TryOpen(const std::string& path, const std::optional<GooString>& password) {
  return std::make_shared<PDFDoc>(std::make_unique<GooString>(path), password, password);
}

}  // namespace

PopplerMessages::PopplerMessages() : previous_(current_messages) {
  current_messages = this;
  current_sink = &messages_;
}

PopplerMessages::~PopplerMessages() {
  current_messages = previous_;
  current_sink = previous_ ? &previous_->messages_ : nullptr;
}

std::vector<std::string> PopplerMessages::Take() {
  std::vector<std::string> out;
  out.swap(messages_);
  return out;
}

Result<std::shared_ptr<PDFDoc>> OpenPdf(const std::string& path, const std::string& password) {
  BAOCAO_RETURN_IF_ERROR(CheckReadablePdfFile(path));
  InitPopplerOnce();

  std::shared_ptr<PDFDoc> doc = TryOpen(path, std::nullopt);
  if (!doc->isOk() && doc->getErrorCode() == errEncrypted && !password.empty()) {
    doc = TryOpen(path, GooString(password));
  }
  if (doc->isOk()) return doc;

  switch (doc->getErrorCode()) {
    case errEncrypted:
      return Status(StatusCode::kEncrypted,
                    Quoted(path) + " is encrypted and the " +
                        (password.empty() ? std::string("empty password does not open it; give one with --password")
                                          : std::string("given password is wrong")));
    case errOpenFile:
      return Status(StatusCode::kIoError, Quoted(path) + ": cannot be opened");
    case errBadCatalog:
      return Status(StatusCode::kCorrupt,
                    Quoted(path) + " is damaged beyond repair: its document catalog cannot be read");
    case errDamaged:
      return Status(StatusCode::kCorrupt,
                    Quoted(path) + " is damaged beyond repair: no readable cross-reference table or "
                                   "trailer (is the file truncated?)");
    default:
      return Status(StatusCode::kCorrupt,
                    Quoted(path) + " is damaged beyond repair (Poppler error code " +
                        std::to_string(doc->getErrorCode()) + ")");
  }
}

std::string PdfTextToUtf8(const GooString& text) {
  if (text.hasUnicodeMarker() || text.hasUnicodeMarkerLE()) {
    std::string s = text.toStr();
    std::vector<uint16_t> units;
    const bool little_endian = text.hasUnicodeMarkerLE();
    for (std::size_t i = 2; i + 1 < s.size(); i += 2) {
      const auto hi = static_cast<unsigned char>(s[little_endian ? i + 1 : i]);
      const auto lo = static_cast<unsigned char>(s[little_endian ? i : i + 1]);
      units.push_back(static_cast<uint16_t>((hi << 8) | lo));
    }
    units.push_back(0);
    int len = 0;
    char* utf8 = utf16ToUtf8(units.data(), &len);
    std::string out(utf8, static_cast<std::size_t>(len));
    gfree(utf8);
    return out;
  }
  std::string out;
  for (char c : text.toStr()) {
    const Unicode u = pdfDocEncoding[static_cast<unsigned char>(c)];
    if (u != 0) AppendUtf8(out, u);
  }
  return out;
}

}  // namespace baocao::extract_internal
