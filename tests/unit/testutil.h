#pragma once

// Shared by the core unit tests: where the fixtures are.

#include "fixtures/fixtures.h"

#include <QDir>
#include <QFileInfo>
#include <QString>

namespace hs::test {

// ctest sets HYPERSLAB_FIXTURES_DIR; running a test binary by hand falls back
// to the build tree's fixtures (run `hyperslab_make_fixtures DIR` first).
inline QString fixturesDir()
{
    const QString env = qEnvironmentVariable("HYPERSLAB_FIXTURES_DIR");
    return env.isEmpty() ? QStringLiteral(HYPERSLAB_FIXTURES_DIR) : env;
}

inline QString fixture(const char *name)
{
    return QDir(fixturesDir()).absoluteFilePath(QString::fromLatin1(name));
}

inline bool fixturesPresent()
{
    using namespace hs::fixtures;
    for (const char *n : {LargeGroupFileName, LinksFileName, LinksTargetFileName, DeepFileName,
                          CreationOrderFileName, UserBlockFileName, ExampleFileName})
        if (!QFileInfo::exists(fixture(n)))
            return false;
    return true;
}

} // namespace hs::test

// Every fixture-reading test starts with this: a missing fixture is a setup
// error, not a pass.
#define HS_REQUIRE_FIXTURES()                                                                      \
    QVERIFY2(hs::test::fixturesPresent(),                                                          \
             qPrintable(QStringLiteral("fixtures missing in %1: run the make_fixtures test first") \
                            .arg(hs::test::fixturesDir())))
