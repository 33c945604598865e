#include "session/objectreadscope.h"

#include <QByteArray>
#include <QString>

#include <csignal>
#include <cstdlib>

namespace hs::core {

namespace {

const QString &testCrashPath()
{
    static const QString path = QString::fromLocal8Bit(qgetenv("HYPERSLAB_TEST_CRASH_AT"));
    return path;
}

} // namespace

ObjectReadScope::ObjectReadScope(const QString &filePath, const QString &objectPath) : m_crumb(filePath, objectPath)
{
    if (!testCrashPath().isEmpty() && objectPath == testCrashPath())
        std::raise(SIGSEGV);
}

} // namespace hs::core
