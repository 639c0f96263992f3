// The review page's script and style sheet (tools/baocao/web), compiled in.
#ifndef BAOCAO_TOOLS_WEB_ASSETS_H_
#define BAOCAO_TOOLS_WEB_ASSETS_H_

#include <string_view>

namespace baocao::cli {

std::string_view ReviewScript();  // web/review.js
std::string_view ReviewStyle();   // web/review.css

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_WEB_ASSETS_H_
