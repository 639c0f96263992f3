// Reads a PDF into a Document: pages, words with boxes and fonts, page text in
// reading order.
//
//   baocao::ExtractOptions options;
//   baocao::Result<baocao::Document> doc = baocao::ExtractPdf("report.pdf", options);
//
// Safe to call from several threads at once on different files.
#ifndef BAOCAO_EXTRACT_H_
#define BAOCAO_EXTRACT_H_

#include <string>

#include "baocao/document.h"
#include "baocao/status.h"

namespace baocao {

struct ExtractOptions {
  // Tried when the PDF is encrypted; the empty password is always tried first.
  std::string password;
  // Pages beyond this many are not read (a warning says so). 0: no limit.
  int max_pages = 0;
};

// Extracts the text layer of every page of the PDF at `path`.
//
// Fails with kNotFound, kPermissionDenied, kNotPdf, kEncrypted or kCorrupt
// when the file cannot be opened as a PDF at all; the message names the file.
// A page that fails on its own does not fail the document: it gets route
// kFailed and a warning naming the page, and the other pages are extracted.
Result<Document> ExtractPdf(const std::string& path, const ExtractOptions& options);

// The Poppler version this program was built against, e.g. "22.12.0".
std::string PopplerVersion();

}  // namespace baocao

#endif  // BAOCAO_EXTRACT_H_
