// hyperslab_test_editdriver FILE COUNT
//
// Applies COUNT edits to FILE through core (H5File opened read-write, one
// FileSession, its write queue) as the app does, and prints "ack N" on stdout
// for each edit the session acknowledged (its `done` said ok: the change is
// flushed). tst_editdurability kills this process with SIGKILL at random
// moments and checks that the file is readable and holds every acknowledged edit.
//
// The edits (durabilityedit.h) cycle through a structural change (a new
// group), an attribute and a value write, each through its core operation.

#include "durabilityedit.h"

#include "services/h5file.h"
#include "session/filesession.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

using namespace hs::core;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: hyperslab_test_editdriver FILE COUNT\n");
        return 2;
    }
    auto file = H5File::open(QString::fromLocal8Bit(argv[1]), H5File::Mode::ReadWrite);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(file.error().message));
        return 1;
    }
    const int count = QByteArray(argv[2]).toInt();
    FileSession session(file.value());
    int failures = 0;
    for (int n = 0; n < count; ++n) {
        session.submit(hs::test::makeDurabilityEdit(n), FileSession::Direction::Apply, [n, &failures](const Status &s) {
            if (!s.ok()) {
                std::fprintf(stderr, "edit %d failed: %s\n", n, qPrintable(s.error().message));
                ++failures;
                return;
            }
            std::printf("ack %d\n", n);
            std::fflush(stdout);
        });
    }
    session.waitForWrites(-1);
    return failures == 0 ? 0 : 1;
}
