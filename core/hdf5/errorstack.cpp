#include "hdf5/errorstack.h"

#include "hdf5/librarylock.h"

#include <hdf5.h>

#include <QStringList>

namespace hs::core::errorstack {

namespace {

struct Frame
{
    hid_t major = -1;
    hid_t minor = -1;
    QString majorText;
    QString minorText;
    QString function;
    QString description;
};

QString messageText(hid_t msg)
{
    char buf[256] = {};
    H5E_type_t type;
    if (H5Eget_msg(msg, &type, buf, sizeof buf) < 0)
        return {};
    return QString::fromLocal8Bit(buf);
}

herr_t collect(unsigned, const H5E_error2_t *e, void *data)
{
    auto *frames = static_cast<QList<Frame> *>(data);
    Frame f;
    f.major = e->maj_num;
    f.minor = e->min_num;
    f.majorText = messageText(e->maj_num);
    f.minorText = messageText(e->min_num);
    f.function = QString::fromLatin1(e->func_name ? e->func_name : "");
    f.description = QString::fromLocal8Bit(e->desc ? e->desc : "");
    frames->append(f);
    return 0;
}

bool anyMinor(const QList<Frame> &frames, hid_t minor)
{
    for (const Frame &f : frames)
        if (f.minor == minor)
            return true;
    return false;
}

bool anyText(const QList<Frame> &frames, QLatin1StringView needle)
{
    for (const Frame &f : frames)
        if (f.description.contains(needle, Qt::CaseInsensitive))
            return true;
    return false;
}

QString filterNameFrom(const QList<Frame> &frames)
{
    // "required filter 'lzf' is not registered" / "can't open directory" (plugin path)
    for (const Frame &f : frames) {
        const int a = f.description.indexOf(QLatin1String("filter '"));
        if (a >= 0) {
            const int b = f.description.indexOf(QLatin1Char('\''), a + 8);
            if (b > a)
                return f.description.mid(a + 8, b - a - 8);
        }
    }
    return {};
}

QString subjectPart(const QString &subject)
{
    return subject.isEmpty() ? QString() : QStringLiteral(" \u201c%1\u201d").arg(subject);
}

} // namespace

void clear()
{
    H5Eclear2(H5E_DEFAULT);
}

Error capture(const QString &action, const QString &subject)
{
    QList<Frame> frames;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &frames);
    H5Eclear2(H5E_DEFAULT);

    QStringList detailLines;
    for (int i = 0; i < frames.size(); ++i) {
        const Frame &f = frames[i];
        detailLines << QStringLiteral("#%1 %2(): %3\n    major: %4\n    minor: %5")
                           .arg(i)
                           .arg(f.function, f.description, f.majorText, f.minorText);
    }
    const QString detail = detailLines.join(QLatin1Char('\n'));
    const QString what = QStringLiteral("Could not %1%2.").arg(action, subjectPart(subject));

    auto make = [&](ErrorCode code, const QString &why) {
        return Error::make(code, why.isEmpty() ? what : what + QLatin1Char(' ') + why, detail);
    };

    if (anyMinor(frames, H5E_NOTHDF5) || anyText(frames, QLatin1StringView("signature not found")))
        return make(ErrorCode::NotHdf5, QStringLiteral("This is not an HDF5 file (no HDF5 signature was found)."));
    if (anyMinor(frames, H5E_CANTLOCKFILE) || anyText(frames, QLatin1StringView("unable to lock file")))
        return make(ErrorCode::Locked,
                    QStringLiteral("Another program holds a lock on the file (it is probably writing to it)."));
    if (anyText(frames, QLatin1StringView("already open for write")) || anyText(frames, QLatin1StringView("consistency flags")))
        return make(ErrorCode::StillOpenForWrite,
                    QStringLiteral("The file is marked as still open for writing: either another program is "
                                   "writing it, or a program that wrote it crashed before closing it. "
                                   "If no program is using it, \u201ch5clear -s FILE\u201d clears the mark."));
    if (anyText(frames, QLatin1StringView("Permission denied")))
        return make(ErrorCode::PermissionDenied, QStringLiteral("You do not have permission to read it."));
    if (anyText(frames, QLatin1StringView("No such file")))
        return make(ErrorCode::NotFound, QStringLiteral("The file does not exist."));
    if (anyMinor(frames, H5E_TRUNCATED) || anyText(frames, QLatin1StringView("truncated file"))
        || anyText(frames, QLatin1StringView("exceeds EOA")) || anyText(frames, QLatin1StringView("addr overflow")))
        return make(ErrorCode::Truncated,
                    QStringLiteral("The file is truncated or damaged: parts its header refers to lie beyond "
                                   "its end. It may still be copying or downloading."));
    if (anyMinor(frames, H5E_NLINKS) || anyText(frames, QLatin1StringView("too many links")))
        return make(ErrorCode::LinkLoop,
                    QStringLiteral("The links form a loop (soft or external links that lead back to each other)."));
    if (anyMinor(frames, H5E_NOFILTER) || (anyText(frames, QLatin1StringView("filter")) && anyMinor(frames, H5E_CANTLOAD))) {
        const QString name = filterNameFrom(frames);
        return make(ErrorCode::MissingFilter,
                    name.isEmpty() ? QStringLiteral("The data is compressed with a filter that is not installed.")
                                   : QStringLiteral("The data needs the \u201c%1\u201d filter plugin, which is not installed.").arg(name));
    }
    if (anyMinor(frames, H5E_NOTFOUND) || anyText(frames, QLatin1StringView("doesn't exist"))
        || anyText(frames, QLatin1StringView("not found")))
        return make(ErrorCode::NotFound, QStringLiteral("There is no such object in the file."));
    if (anyMinor(frames, H5E_VERSION) || anyText(frames, QLatin1StringView("bad version number")))
        return make(ErrorCode::Unsupported,
                    QStringLiteral("It uses a feature of a newer HDF5 version than the one installed (%1.%2.%3).")
                        .arg(H5_VERS_MAJOR).arg(H5_VERS_MINOR).arg(H5_VERS_RELEASE));
    if (anyMinor(frames, H5E_CANTOPENFILE) && frames.size() <= 3 && !frames.isEmpty())
        return make(ErrorCode::NotFound, QStringLiteral("The file could not be opened."));
    if (anyMinor(frames, H5E_CANTDECODE) || anyMinor(frames, H5E_BADVALUE) || anyMinor(frames, H5E_BADMESG)
        || anyMinor(frames, H5E_CANTLOAD) || anyMinor(frames, H5E_CANTPROTECT) || anyMinor(frames, H5E_BADRANGE)
        || anyMinor(frames, H5E_OVERFLOW) || anyMinor(frames, H5E_READERROR))
        return make(ErrorCode::Corrupt,
                    QStringLiteral("The file is damaged: some of its internal structures cannot be read."));
    return make(ErrorCode::Internal, frames.isEmpty() ? QString() : QStringLiteral("HDF5 reported: %1.").arg(frames.constLast().description));
}

} // namespace hs::core::errorstack
