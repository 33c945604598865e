#pragma once

// Reading NeXus attributes as `info --json` gives them: a string, or a list
// (of one string for a 1-element array attribute, of names for `axes`).

#include <QRegularExpression>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace nexus {

inline QString attrString(const QVariantMap &attrs, const QString &name)
{
    const QVariant v = attrs.value(name);
    if (v.typeId() == QMetaType::QVariantList) {
        const QVariantList l = v.toList();
        return l.size() == 1 ? l.front().toString() : QString();
    }
    return v.toString();
}

// `axes`: a string array, or one string; legacy "x:y" (and "[x,y]") split.
inline QStringList attrNames(const QVariantMap &attrs, const QString &name)
{
    const QVariant v = attrs.value(name);
    QStringList out;
    if (v.typeId() == QMetaType::QVariantList) {
        for (const QVariant &e : v.toList())
            out << e.toString().trimmed();
        return out;
    }
    QString s = v.toString().trimmed();
    if (s.startsWith(QLatin1Char('[')) && s.endsWith(QLatin1Char(']')))
        s = s.mid(1, s.size() - 2);
    if (s.isEmpty())
        return {};
    for (const QString &p : s.split(QRegularExpression(QStringLiteral("[:,]"))))
        out << p.trimmed();
    return out;
}

inline bool isNXdata(const QVariantMap &attrs) { return attrString(attrs, QStringLiteral("NX_class")) == QLatin1String("NXdata"); }

// Legacy: the signal dataset carries `signal=1`.
inline bool isLegacySignal(const QVariantMap &attrs)
{
    const QVariant v = attrs.value(QStringLiteral("signal"));
    const QVariant s = v.typeId() == QMetaType::QVariantList && v.toList().size() == 1 ? v.toList().front() : v;
    bool ok = false;
    return s.toString().trimmed().toInt(&ok) == 1 && ok;
}

} // namespace nexus
