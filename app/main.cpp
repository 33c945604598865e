#include "cli/clireport.h"
#include "cli/copycommand.h"
#include "cli/exportcommand.h"
#include "cli/infocommand.h"
#include "cli/plotcommand.h"
#include "cli/pluginscommand.h"
#include "filesessions.h"
#include "mainwindow.h"
#include "sessionrecovery.h"
#include "singleinstance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>
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
    hs::app::cli::prepareHeadless();
    QStringList args = app.arguments();
    const QString command = args.at(1);
    args.removeAt(1); // parser expects argv[0] then options
    if (command == QLatin1String("info"))
        return hs::app::runInfoCommand(args);
    if (command == QLatin1String("export"))
        return hs::app::runExportCommand(args);
    if (command == QLatin1String("copy"))
        return hs::app::runCopyCommand(args);
    if (command == QLatin1String("plugins"))
        return hs::app::runPluginsCommand(args);
    return 2;
}

// `hyperslab plot` draws with widgets, so it needs a QApplication: on the
// offscreen platform unless the caller chose one, so no display is needed.
int runPlotCli(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Before the QApplication, so that what the platform says while starting
    // (no XDG_RUNTIME_DIR, fonts) does not join our one-line errors on stderr.
    hs::app::cli::prepareHeadless();
    QApplication app(argc, argv);
    describeApp();
    QStringList args = app.arguments();
    args.removeAt(1);
    return hs::app::runPlotCommand(args);
}

void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Browse HDF5 files.\n\nHeadless:\n  hyperslab info FILE[:/path] [--recursive] [--json]\n"
        "  hyperslab export FILE:/dataset [--select TEXT] [-o OUT.csv] (see hyperslab export --help)\n"
        "  hyperslab export FILE:/dataset --format npy|json|... -o OUT (exporter plugins)\n"
        "  hyperslab copy SRC:/path DST[:/path] [--links keep|expand]\n"
        "  hyperslab plot FILE:/dataset [--select SEL] [--image|--line] -o OUT.png|OUT.pdf|OUT.svg (see hyperslab plot --help)\n"
        "  hyperslab plugins (the plugins loaded, and those that failed, with the reason)"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(QCommandLineOption(QStringLiteral("edit"),
                                        QStringLiteral("Open the files for editing (as File > Enable Editing does).")));
    parser.addOption({QStringLiteral("new-window"),
                      QStringLiteral("Open a window of its own even when Hyperslab runs already (by default the "
                                     "running one opens the files).")});
    parser.addPositionalArgument(QStringLiteral("FILE[:/path]"),
                                 QStringLiteral("Files to open; FILE:/path opens the file and selects that object."),
                                 QStringLiteral("[FILE[:/path]...]"));
}

// --help and --version print text only: answered without a display (a
// QApplication would abort when there is none).
bool onlyPrints(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *opt : {"-h", "--help", "--help-all", "-?", "-v", "--version"})
            if (std::strcmp(argv[i], opt) == 0)
                return true;
    }
    return false;
}

int printOnly(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    describeApp();
    QCommandLineParser parser;
    describeOptions(parser);
    parser.parse(app.arguments());
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
                            << Qt::endl;
        return 0;
    }
    QTextStream(stdout) << hs::app::cli::helpText(parser, {});
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "plot") == 0)
        return runPlotCli(argc, argv);
    if (argc > 1 && (std::strcmp(argv[1], "info") == 0 || std::strcmp(argv[1], "export") == 0
                     || std::strcmp(argv[1], "copy") == 0 || std::strcmp(argv[1], "plugins") == 0))
        return runCli(argc, argv);
    if (onlyPrints(argc, argv))
        return printOnly(argc, argv);

    QApplication app(argc, argv);
    describeApp();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hyperslab.svg")));
    QApplication::setDesktopFileName(QStringLiteral("app.hyperslab.Hyperslab"));

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);

    hs::app::SingleInstance instance; // one window per user and display
    // --edit is not part of the hand-over: such a start opens its own window.
    if (instance.handOver(parser.positionalArguments(),
                          parser.isSet(QStringLiteral("new-window")) || parser.isSet(QStringLiteral("edit"))))
        return 0;

    hs::app::MainWindow window;
    instance.deliverTo(&window);
    window.show();
    window.recovery()->start(); // reports and reopens a session that ended in a crash
    const QStringList files = parser.positionalArguments();
    const bool edit = parser.isSet(QStringLiteral("edit"));
    // Open after the window is shown, so a slow or failing open never delays it.
    QTimer::singleShot(0, &window, [&window, files, edit] {
        for (const QString &f : files) {
            const auto target = hs::app::splitFileArgument(f);
            if (edit)
                window.sessions()->editWhenOpened(QFileInfo(target.file).absoluteFilePath());
            window.openFile(target.file, target.path);
        }
    });
    return app.exec();
}
