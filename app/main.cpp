#include "cli/exportcommand.h"
#include "cli/infocommand.h"
#include "mainwindow.h"
#include "sessionrecovery.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstring>

namespace {

void describeApp()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Hyperslab"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("hyperslab.app"));
    QCoreApplication::setApplicationName(QStringLiteral("Hyperslab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HYPERSLAB_VERSION));
}

int runCli(int argc, char **argv)
{
    // Headless: no display needed.
    QCoreApplication app(argc, argv);
    describeApp();
    QStringList args = app.arguments();
    const QString command = args.at(1);
    args.removeAt(1); // parser expects argv[0] then options
    if (command == QLatin1String("info"))
        return hs::app::runInfoCommand(args);
    if (command == QLatin1String("export"))
        return hs::app::runExportCommand(args);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && (std::strcmp(argv[1], "info") == 0 || std::strcmp(argv[1], "export") == 0))
        return runCli(argc, argv);

    QApplication app(argc, argv);
    describeApp();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hyperslab.svg")));
    QApplication::setDesktopFileName(QStringLiteral("app.hyperslab.Hyperslab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Browse HDF5 files.\n\nHeadless: hyperslab info FILE[:/path] [--recursive] [--json]"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILE[:/path]"),
                                 QStringLiteral("Files to open; FILE:/path opens the file and selects that object."),
                                 QStringLiteral("[FILE[:/path]...]"));
    parser.process(app);

    hs::app::MainWindow window;
    window.show();
    window.recovery()->start(); // reports and reopens a session that ended in a crash
    const QStringList files = parser.positionalArguments();
    // Open after the window is shown, so a slow or failing open never delays it.
    QTimer::singleShot(0, &window, [&window, files] {
        for (const QString &f : files) {
            const auto target = hs::app::splitFileArgument(f);
            window.openFile(target.file, target.path);
        }
    });
    return app.exec();
}
