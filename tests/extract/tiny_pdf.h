// Builds small, valid PDFs in memory for tests: one or more pages whose
// content streams the test writes, set in the standard Times-Roman font.
#ifndef BAOCAO_TESTS_EXTRACT_TINY_PDF_H_
#define BAOCAO_TESTS_EXTRACT_TINY_PDF_H_

#include <cstdio>
#include <string>
#include <vector>

namespace baocao::testing {

struct TinyPage {
  std::string content;  // a PDF content stream, e.g. "BT /F1 12 Tf 72 720 Td (Hi) Tj ET"
  double width = 595;   // A4 in points
  double height = 842;
};

// Returns the bytes of a PDF with these pages, with a correct xref table.
inline std::string TinyPdf(const std::vector<TinyPage>& pages) {
  std::vector<std::string> objects;  // object n is objects[n-1]
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("");  // the page tree, filled in below
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>");
  std::string kids;
  for (const TinyPage& page : pages) {
    const std::size_t content_id = objects.size() + 2;
    char box[128];
    std::snprintf(box, sizeof box, "[0 0 %g %g]", page.width, page.height);
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(box) +
                      " /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(content_id) + " 0 R >>");
    kids += std::to_string(objects.size()) + " 0 R ";
    objects.push_back("<< /Length " + std::to_string(page.content.size()) + " >>\nstream\n" +
                      page.content + "\nendstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";

  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace baocao::testing

#endif  // BAOCAO_TESTS_EXTRACT_TINY_PDF_H_
