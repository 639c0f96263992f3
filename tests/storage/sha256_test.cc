#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "baocao/storage.h"
#include "test_store.h"

namespace baocao {
namespace {

// FIPS 180-4 examples.
TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, FileHashEqualsContentHash) {
  testing::TempDir dir;
  const std::string content = std::string(200000, 'x') + "%PDF-1.4";
  std::ofstream(dir.File("a.pdf"), std::ios::binary) << content;
  auto hash = FileSha256(dir.File("a.pdf"));
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash.value(), Sha256Hex(content));
}

TEST(Sha256Test, MissingFileIsNotFound) {
  auto hash = FileSha256("/no/such/file.pdf");
  ASSERT_FALSE(hash.ok());
  EXPECT_EQ(hash.status().code(), StatusCode::kNotFound);
  EXPECT_NE(hash.status().message().find("/no/such/file.pdf"), std::string::npos);
}

}  // namespace
}  // namespace baocao
