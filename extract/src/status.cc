#include "baocao/status.h"

namespace baocao {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kNotPdf: return "not_pdf";
    case StatusCode::kEncrypted: return "encrypted";
    case StatusCode::kCorrupt: return "corrupt";
    case StatusCode::kTooLarge: return "too_large";
    case StatusCode::kTimeout: return "timeout";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

}  // namespace baocao
