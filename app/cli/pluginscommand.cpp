#include "cli/pluginscommand.h"

#include "cli/clireport.h"
#include "plugins/pluginregistry.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace hs::app {

int runPluginsCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the plugins: loaded ones with their version and file, "
                                                    "and the ones that failed to load with the reason."));
    parser.addHelpOption();
    if (!parser.parse(args))
        return cli::fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << cli::helpText(parser, QStringLiteral("plugins"));
        return 0;
    }
    QTextStream(stdout) << core::PluginRegistry::instance().report();
    return 0;
}

} // namespace hs::app
