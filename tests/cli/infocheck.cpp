#include "infocheck.h"

#include "unit/testutil.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>

#ifndef HYPERSLAB_EXE
#error "HYPERSLAB_EXE must name the hyperslab binary"
#endif

namespace hs::tests {

QString InfoRun::describe() const
{
    if (!started)
        return QStringLiteral("could not start %1").arg(QStringLiteral(HYPERSLAB_EXE));
    if (timedOut)
        return QStringLiteral("killed after %1 ms (hang)").arg(elapsedMs);
    if (crashed)
        return QStringLiteral("crashed (signal)");
    return QStringLiteral("exit %1").arg(exitCode);
}

namespace {

InfoRun runProcess(const QStringList &args, int timeoutMs, const QString &workDir, const QStringList &unset)
{
    InfoRun run;
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HYPERSLAB_TRACE_HDF5_ERRORS"));
    env.remove(QStringLiteral("HDF5_PLUGIN_PRELOAD"));
    env.remove(QStringLiteral("HDF5_EXT_PREFIX"));
    for (const QString &name : unset)
        env.remove(name);
    p.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral(HYPERSLAB_EXE), args);
    run.started = p.waitForStarted(10000);
    if (!run.started)
        return run;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        run.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    run.elapsedMs = timer.elapsed();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    run.crashed = !run.timedOut && p.exitStatus() == QProcess::CrashExit;
    run.exitCode = p.exitCode();
    return run;
}

} // namespace

InfoRun runInfo(const QStringList &args, int timeoutMs, const QString &workDir)
{
    return runProcess(QStringList{QStringLiteral("info")} + args, timeoutMs, workDir, {});
}

InfoRun runHyperslab(const QStringList &args, int timeoutMs, const QStringList &unset)
{
    return runProcess(args, timeoutMs, {}, unset);
}

JsonLines parseJsonLines(const QByteArray &out)
{
    JsonLines r;
    const QList<QByteArray> lines = out.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty()) {
            if (i != lines.size() - 1)
                r.errors << QStringLiteral("line %1 is empty").arg(i + 1);
            continue;
        }
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            r.errors << QStringLiteral("line %1 is not a JSON object (%2): %3")
                            .arg(i + 1)
                            .arg(pe.errorString(), QString::fromUtf8(line.left(200)));
            continue;
        }
        r.objects << doc.object();
    }
    if (!out.isEmpty() && !out.endsWith('\n'))
        r.errors << QStringLiteral("output does not end with a newline");
    return r;
}

namespace {

bool isCount(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() >= 0 && v.toDouble() == double(qint64(v.toDouble()));
}

QString checkShape(const QJsonObject &o)
{
    if (!o.contains(QLatin1String("shape")) || !o.contains(QLatin1String("maxshape")))
        return QStringLiteral("dataset without shape/maxshape");
    const QJsonValue shape = o.value(QLatin1String("shape"));
    const QJsonValue maxshape = o.value(QLatin1String("maxshape"));
    if (shape.isNull())
        return maxshape.isNull() ? QString() : QStringLiteral("null dataspace with a non-null maxshape");
    if (!shape.isArray() || !maxshape.isArray())
        return QStringLiteral("shape/maxshape are neither arrays nor null");
    const QJsonArray s = shape.toArray(), m = maxshape.toArray();
    if (s.size() != m.size())
        return QStringLiteral("shape and maxshape differ in rank");
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!isCount(s[i]))
            return QStringLiteral("shape[%1] is not a count").arg(i);
        if (!m[i].isNull() && !isCount(m[i]))
            return QStringLiteral("maxshape[%1] is neither a count nor null").arg(i);
        if (!m[i].isNull() && m[i].toDouble() < s[i].toDouble())
            return QStringLiteral("maxshape[%1] < shape[%1]").arg(i);
    }
    return {};
}

QString checkType(const QJsonObject &o)
{
    static const QSet<QString> classes{
        QStringLiteral("integer"),   QStringLiteral("float"), QStringLiteral("time"),     QStringLiteral("string"),
        QStringLiteral("bitfield"),  QStringLiteral("opaque"), QStringLiteral("compound"), QStringLiteral("reference"),
        QStringLiteral("enum"),      QStringLiteral("vlen"),  QStringLiteral("array"),    QStringLiteral("unknown")};
    static const QSet<QString> orders{QStringLiteral("le"), QStringLiteral("be"), QStringLiteral("vax"),
                                      QStringLiteral("none"), QString()};
    if (!o.value(QLatin1String("type")).isObject())
        return QStringLiteral("no type object");
    const QJsonObject t = o.value(QLatin1String("type")).toObject();
    if (!classes.contains(t.value(QLatin1String("class")).toString()))
        return QStringLiteral("type.class %1 is not a known class").arg(t.value(QLatin1String("class")).toString());
    if (!isCount(t.value(QLatin1String("size"))))
        return QStringLiteral("type.size is not a count");
    if (!t.value(QLatin1String("order")).isString() || !orders.contains(t.value(QLatin1String("order")).toString()))
        return QStringLiteral("type.order is not le/be/vax/none");
    if (t.value(QLatin1String("text")).toString().isEmpty())
        return QStringLiteral("type.text is empty");
    return {};
}

} // namespace

QString checkInfoObject(const QJsonObject &o)
{
    const QString path = o.value(QLatin1String("path")).toString();
    if (!path.startsWith(QLatin1Char('/')))
        return QStringLiteral("path missing or not absolute");
    const QString kind = o.value(QLatin1String("kind")).toString();
    static const QSet<QString> kinds{QStringLiteral("group"), QStringLiteral("dataset"), QStringLiteral("datatype"),
                                     QStringLiteral("link")};
    if (!kinds.contains(kind))
        return QStringLiteral("%1: kind \"%2\" is not group/dataset/datatype/link").arg(path, kind);

    if (!o.value(QLatin1String("link")).isObject())
        return QStringLiteral("%1: no link object").arg(path);
    const QJsonObject link = o.value(QLatin1String("link")).toObject();
    const QString type = link.value(QLatin1String("type")).toString();
    static const QSet<QString> types{QStringLiteral("hard"), QStringLiteral("soft"), QStringLiteral("external"),
                                     QStringLiteral("user")};
    if (!types.contains(type))
        return QStringLiteral("%1: link.type \"%2\" is not hard/soft/external/user").arg(path, type);
    for (const char *key : {"target", "file", "resolved"})
        if (!link.contains(QLatin1String(key)))
            return QStringLiteral("%1: link.%2 missing").arg(path, QLatin1String(key));
    const QJsonValue target = link.value(QLatin1String("target"));
    const QJsonValue file = link.value(QLatin1String("file"));
    if (type == QLatin1String("hard") ? !target.isNull() : !target.isString())
        return QStringLiteral("%1: link.target must be null for hard links and a string otherwise").arg(path);
    if (type == QLatin1String("external") ? !file.isString() : !file.isNull())
        return QStringLiteral("%1: link.file must be a string for external links and null otherwise").arg(path);
    if (!link.value(QLatin1String("resolved")).isBool())
        return QStringLiteral("%1: link.resolved is not a boolean").arg(path);
    const bool resolved = link.value(QLatin1String("resolved")).toBool();
    if (resolved != (kind != QLatin1String("link")))
        return QStringLiteral("%1: link.resolved must be false exactly when kind is \"link\"").arg(path);
    if (!resolved && link.value(QLatin1String("problem")).toString().isEmpty())
        return QStringLiteral("%1: a link that does not resolve must say why (link.problem)").arg(path);

    // A dataset that HDF5 cannot open (unsupported type, damaged header) may
    // have no shape or type to show, but must say why.
    const bool unreadable = !o.value(QLatin1String("problem")).toString().isEmpty();
    if (o.contains(QLatin1String("problem")) && !unreadable)
        return QStringLiteral("%1: empty problem").arg(path);
    if (resolved && link.contains(QLatin1String("problem")))
        return QStringLiteral("%1: link.problem on a link that resolves (problems of the object go in \"problem\")").arg(path);
    if (kind == QLatin1String("dataset") && !unreadable) {
        if (QString e = checkShape(o); !e.isEmpty())
            return path + QLatin1String(": ") + e;
        if (QString e = checkType(o); !e.isEmpty())
            return path + QLatin1String(": ") + e;
    }
    if (kind == QLatin1String("datatype") && !unreadable)
        if (QString e = checkType(o); !e.isEmpty())
            return path + QLatin1String(": ") + e;
    if (kind != QLatin1String("dataset") && (o.contains(QLatin1String("shape")) || o.contains(QLatin1String("maxshape"))))
        return QStringLiteral("%1: shape on something that is not a dataset").arg(path);
    return {};
}

namespace {

QString rawStackTrace(const QByteArray &err)
{
    // What HDF5 prints when its error stack escapes: "HDF5-DIAG: Error detected
    // in ...", "#000: H5F.c line 620 in H5Fopen(): ...", "major: File accessibility".
    static const QRegularExpression raw(
        QStringLiteral(R"re(HDF5-DIAG|H5E_|#\d{3}:|\bmajor:|\bminor:|\bH5[A-Z]{1,2}[a-z_0-9]*\(\)|\.c line \d+)re"));
    const QString text = QString::fromUtf8(err);
    const auto m = raw.match(text);
    if (m.hasMatch())
        return QStringLiteral("stderr shows raw HDF5 error text (\"%1\"): %2").arg(m.captured(), text.left(300));
    return {};
}

} // namespace

QString checkOneLineError(const QByteArray &err)
{
    const QByteArray trimmed = err.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("failed without a message on stderr");
    if (trimmed.contains('\n'))
        return QStringLiteral("the message is more than one line: %1").arg(QString::fromUtf8(err.left(400)));
    if (!trimmed.startsWith("hyperslab: "))
        return QStringLiteral("the message does not start with \"hyperslab: \": %1").arg(QString::fromUtf8(trimmed));
    if (trimmed.size() < 30)
        return QStringLiteral("the message is too short to help: %1").arg(QString::fromUtf8(trimmed));
    return rawStackTrace(err);
}

QString checkNoHdf5Dump(const QByteArray &err)
{
    return rawStackTrace(err);
}

QString fixture(const char *name)
{
    return hs::test::fixture(name);
}

QJsonValue parseJson(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().first();
}

QMap<QString, QJsonObject> describeRecursive(const QString &spec)
{
    const InfoRun run = runInfo({spec, QStringLiteral("--recursive"), QStringLiteral("--json")}, 60000);
    QMap<QString, QJsonObject> out;
    if (run.crashed || run.exitCode != 0) {
        qWarning("%s: %s %s", qPrintable(spec), qPrintable(run.describe()), run.err.constData());
        return out;
    }
    const JsonLines lines = parseJsonLines(run.out);
    for (const QString &e : lines.errors)
        qWarning("%s", qPrintable(e));
    for (const QJsonObject &o : lines.objects)
        out.insert(o.value(QLatin1String("path")).toString(), o);
    return out;
}

QJsonObject attributeNamed(const QJsonObject &o, const QString &name)
{
    for (const QJsonValue &a : o.value(QLatin1String("attributes")).toArray())
        if (a.toObject().value(QLatin1String("name")).toString() == name)
            return a.toObject();
    return {};
}

} // namespace hs::tests
