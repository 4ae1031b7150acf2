// The start-up lines name the database; the log they go to is read by more people than the
// database's owner, so no password may appear in them.
#include <gtest/gtest.h>

#include "store/database_display.hpp"

namespace relief {
namespace {

TEST(DatabaseDisplay, PostgresPasswordsAreMaskedWhereverTheUrlCarriesThem) {
  EXPECT_EQ(database_for_display("postgresql://relief:S3cret@db.hospital/relief"), "postgresql://relief:***@db.hospital/relief");
  EXPECT_EQ(database_for_display("postgresql://relief@127.0.0.1:54329/relief?password=S3cretPW"),
            "postgresql://relief@127.0.0.1:54329/relief?password=***");
  EXPECT_EQ(database_for_display("postgres://db/relief?user=relief&password=S3cret&sslmode=require"),
            "postgres://db/relief?user=relief&password=***&sslmode=require");
  // A parameter that merely ends in "password" is not the password.
  EXPECT_EQ(database_for_display("postgresql://db/relief?application_name=notapassword=x"),
            "postgresql://db/relief?application_name=notapassword=x");
  EXPECT_EQ(database_for_display("postgresql://relief@db/relief"), "postgresql://relief@db/relief");
}

TEST(DatabaseDisplay, ASqliteFileIsShownByItsFullPath) {
  auto shown = database_for_display("data/../relief.db");
  EXPECT_EQ(shown.front(), '/');
  EXPECT_TRUE(shown.ends_with("/relief.db")) << shown;
  EXPECT_EQ(shown.find(".."), std::string::npos) << shown;
}

}  // namespace
}  // namespace relief
