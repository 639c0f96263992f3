// Opening PDFs with Poppler: file checks, passwords, and Poppler's own error
// messages routed to the document instead of stderr.
#ifndef BAOCAO_EXTRACT_PDF_FILE_H_
#define BAOCAO_EXTRACT_PDF_FILE_H_

#include <memory>
#include <string>
#include <vector>

#include "baocao/status.h"

class PDFDoc;
class GooString;

namespace baocao::extract_internal {

// Opens `path`, trying the empty password first, then `password` if given.
// Fails with a status that names the file: kNotFound, kPermissionDenied,
// kNotPdf (empty file, no "%PDF-" header), kEncrypted, kCorrupt.
Result<std::shared_ptr<PDFDoc>> OpenPdf(const std::string& path, const std::string& password);

// Decodes a PDF text string (UTF-16BE with BOM, or PDFDocEncoding) to UTF-8.
std::string PdfTextToUtf8(const GooString& text);

// Collects Poppler's error messages raised on this thread while it is alive,
// so they can be attached to the file and page being read. Poppler reports
// errors through one process-wide callback; the collector is per thread.
class PopplerMessages {
 public:
  PopplerMessages();
  ~PopplerMessages();
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;

  // Returns the messages collected so far and forgets them.
  std::vector<std::string> Take();

 private:
  std::vector<std::string> messages_;
  PopplerMessages* previous_;
};

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_PDF_FILE_H_
