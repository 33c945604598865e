#include "hdf5/errorstack.h"

#include "hdf5/filtercatalog.h"
#include "hdf5/librarylock.h"

#include <hdf5.h>

#include <QStringList>

#include <cstdio>

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

const Frame *frameWith(const QList<Frame> &frames, QLatin1StringView needle)
{
    for (const Frame &f : frames)
        if (f.description.contains(needle, Qt::CaseInsensitive))
            return &f;
    return nullptr;
}

bool anyText(const QList<Frame> &frames, QLatin1StringView needle)
{
    return frameWith(frames, needle) != nullptr;
}

bool anyFunction(const QList<Frame> &frames, QLatin1StringView needle)
{
    for (const Frame &f : frames)
        if (f.function.contains(needle))
            return true;
    return false;
}

// The text between the first pair of single quotes after `after`, e.g. the
// file name in "external link file name = 'x.h5'".
QString quotedAfter(const QString &text, QLatin1StringView after)
{
    const qsizetype at = text.indexOf(after);
    if (at < 0)
        return {};
    const qsizetype a = text.indexOf(QLatin1Char('\''), at + after.size());
    const qsizetype b = a < 0 ? -1 : text.indexOf(QLatin1Char('\''), a + 1);
    return b > a ? text.mid(a + 1, b - a - 1) : QString();
}

// A number after `key` in "truncated file: eof = 1024, sblock->base_addr = 0, stored_eof = 2048".
quint64 numberAfter(const QString &text, QLatin1StringView key)
{
    const qsizetype at = text.indexOf(key);
    if (at < 0)
        return 0;
    qsizetype i = at + key.size();
    while (i < text.size() && !text[i].isDigit())
        ++i;
    qsizetype j = i;
    while (j < text.size() && text[j].isDigit())
        ++j;
    return text.mid(i, j - i).toULongLong();
}

QString libraryVersion()
{
    return QStringLiteral("%1.%2.%3").arg(H5_VERS_MAJOR).arg(H5_VERS_MINOR).arg(H5_VERS_RELEASE);
}

QString filterNameFrom(const QList<Frame> &frames)
{
    // "required filter 'lzf' is not registered"
    for (const Frame &f : frames) {
        const qsizetype a = f.description.indexOf(QLatin1String("filter '"));
        if (a >= 0) {
            const qsizetype b = f.description.indexOf(QLatin1Char('\''), a + 8);
            if (b > a) // the name the file gives, e.g. "HDF5 lzf filter; see http://..."
                return f.description.mid(a + 8, b - a - 8).section(QLatin1Char(';'), 0, 0).trimmed();
        }
    }
    return {};
}

QString subjectPart(const QString &subject)
{
    return subject.isEmpty() ? QString() : QStringLiteral(" \u201c%1\u201d").arg(subject);
}

struct Cause
{
    ErrorCode code = ErrorCode::Internal;
    QString why; // one or two sentences, empty when nothing useful is known
};

// Reads the root cause out of the frames. HDF5 pushes the innermost failure
// first, so the deepest frame (the last one walking downward) is the cause and
// the frames above it mostly repeat "can't open object" / "not found" in
// general terms: the specific signs are tested first, "not found" only when
// the deepest frame says so.
Cause classify(const QList<Frame> &frames)
{
    if (frames.isEmpty())
        return {};
    const Frame &deepest = frames.constLast();

    if (anyMinor(frames, H5E_NOTHDF5) || anyText(frames, QLatin1StringView("signature not found")))
        return {ErrorCode::NotHdf5, QStringLiteral("This is not an HDF5 file (no HDF5 signature was found).")};
    if (anyText(frames, QLatin1StringView("driver should be used")))
        return {ErrorCode::Unsupported,
                QStringLiteral("It is one part of a multi-file HDF5 set (written with the \u201csplit\u201d, "
                               "\u201cmulti\u201d or \u201cfamily\u201d driver) and cannot be opened on its own.")};
    if (anyMinor(frames, H5E_CANTLOCKFILE) || anyText(frames, QLatin1StringView("unable to lock file")))
        return {ErrorCode::Locked,
                QStringLiteral("Another program holds a lock on the file (it is probably writing to it).")};
    if (anyText(frames, QLatin1StringView("already open for write")) || anyText(frames, QLatin1StringView("consistency flags")))
        return {ErrorCode::StillOpenForWrite,
                QStringLiteral("The file is marked as still open for writing: either another program is "
                               "writing it, or a program that wrote it crashed before closing it. "
                               "If no program is using it, \u201ch5clear -s FILE\u201d clears the mark.")};
    if (const Frame *f = frameWith(frames, QLatin1StringView("unable to open external file"))) {
        const QString file = quotedAfter(f->description, QLatin1StringView("file name ="));
        return {ErrorCode::DanglingLink,
                QStringLiteral("The file it points to, \u201c%1\u201d, could not be opened (it may be missing, "
                               "not an HDF5 file, or already open with other settings).").arg(file)};
    }
    if (anyMinor(frames, H5E_NLINKS) || anyText(frames, QLatin1StringView("too many links")))
        return {ErrorCode::LinkLoop,
                QStringLiteral("The links form a loop: following them leads back where they started "
                               "(or goes more than 16 soft or external links deep).")};
    if (anyText(frames, QLatin1StringView("Permission denied")))
        return {ErrorCode::PermissionDenied, QStringLiteral("You do not have permission to read it.")};
    if (anyText(frames, QLatin1StringView("No such file")))
        return {ErrorCode::NotFound, QStringLiteral("The file does not exist.")};
    // 1.10 reports a missing plugin as "required filter 'lzf' is not
    // registered" (a read error in the pipeline), later versions as H5E_NOFILTER.
    if (anyMinor(frames, H5E_NOFILTER) || anyText(frames, QLatin1StringView("plugins disabled"))
        || anyText(frames, QLatin1StringView("required filter"))
        || (anyText(frames, QLatin1StringView("filter")) && anyMinor(frames, H5E_CANTLOAD))) {
        // HDF5 names the filter as the file does ("lzf", "HDF5 blosc filter");
        // the catalogue knows the plugin behind most names and how to get it.
        const QString name = filterNameFrom(frames);
        if (name.isEmpty())
            return {ErrorCode::MissingFilter, QStringLiteral("The data is compressed with a filter whose plugin is not "
                                                             "installed or could not be loaded.")};
        const int id = filtercatalog::idForName(name);
        if (id == 0)
            return {ErrorCode::MissingFilter,
                    QStringLiteral("The data needs the filter \u201c%1\u201d, whose plugin is not installed or could "
                                   "not be loaded. %2").arg(name, filtercatalog::installHint(0))};
        return {ErrorCode::MissingFilter,
                QStringLiteral("The data needs the %1 filter (HDF5 filter %2), whose plugin is not installed or could "
                               "not be loaded. %3")
                    .arg(filtercatalog::displayName(id))
                    .arg(id)
                    .arg(filtercatalog::installHint(id))};
    }
    if (anyText(frames, QLatin1StringView("bad version number for datatype message")))
        return {ErrorCode::Unsupported,
                QStringLiteral("Its datatype is one the installed HDF5 library (%1) does not know: it was written "
                               "by a newer HDF5 version (for example HDF5 2.0 complex numbers).").arg(libraryVersion())};
    if (anyText(frames, QLatin1StringView("fail if unknown")))
        return {ErrorCode::Unsupported,
                QStringLiteral("It holds information the installed HDF5 library (%1) does not understand and may "
                               "not skip: it was probably written by a newer HDF5 version.").arg(libraryVersion())};
    if (anyMinor(frames, H5E_VERSION) || anyText(frames, QLatin1StringView("bad version number")))
        return {ErrorCode::Unsupported,
                QStringLiteral("It uses a format version the installed HDF5 library (%1) does not know: it was "
                               "written by a newer HDF5 version, or it is damaged.").arg(libraryVersion())};
    if (const Frame *f = frameWith(frames, QLatin1StringView("truncated file"))) {
        const quint64 eof = numberAfter(f->description, QLatin1StringView("eof ="));
        const quint64 stored = numberAfter(f->description, QLatin1StringView("stored_eof ="));
        if (stored >= (quint64(1) << 60))
            return {ErrorCode::Unsupported,
                    QStringLiteral("It looks like one part of a multi-file HDF5 set (written with the \u201cmulti\u201d "
                                   "driver), which cannot be opened on its own.")};
        if (eof > 0 && stored > eof)
            return {ErrorCode::Truncated,
                    QStringLiteral("The file is truncated: it is %1 bytes long, but its header says %2. It may "
                                   "still be copying or downloading.").arg(eof).arg(stored)};
        return {ErrorCode::Truncated,
                QStringLiteral("The file is truncated: it is shorter than its header says. It may still be "
                               "copying or downloading.")};
    }
    if (anyMinor(frames, H5E_TRUNCATED))
        return {ErrorCode::Truncated,
                QStringLiteral("The file is truncated: it is shorter than its header says. It may still be "
                               "copying or downloading.")};

    const bool deepestNotFound = deepest.minor == H5E_NOTFOUND
                                 || deepest.description.contains(QLatin1String("not found"), Qt::CaseInsensitive)
                                 || deepest.description.contains(QLatin1String("doesn't exist"), Qt::CaseInsensitive)
                                 || deepest.description.contains(QLatin1String("does not exist"), Qt::CaseInsensitive);
    if (deepestNotFound) {
        if (anyFunction(frames, QLatin1StringView("extern_traverse")))
            return {ErrorCode::DanglingLink, QStringLiteral("The object it points to does not exist in that file.")};
        if (anyFunction(frames, QLatin1StringView("traverse_slink")))
            return {ErrorCode::DanglingLink, QStringLiteral("The object it points to does not exist (dangling link).")};
        return {ErrorCode::NotFound, QStringLiteral("There is no such object in the file.")};
    }

    if (anyText(frames, QLatin1StringView("exceeds EOA")) || anyText(frames, QLatin1StringView("addr overflow"))
        || anyText(frames, QLatin1StringView("address overflow")))
        return {ErrorCode::Corrupt,
                QStringLiteral("The file is damaged: some of its internal structures point beyond its end.")};
    bool damaged = false;
    for (const Frame &f : frames) {
        if (f.major == H5E_ARGS)
            continue; // a bad argument from us, not a bad file
        for (hid_t m : {H5E_CANTDECODE, H5E_BADMESG, H5E_CANTLOAD, H5E_CANTPROTECT, H5E_BADRANGE, H5E_OVERFLOW,
                        H5E_READERROR, H5E_SEEKERROR, H5E_CANTUNSERIALIZE, H5E_BADVALUE, H5E_BADTYPE, H5E_BADSIZE,
                        H5E_CANTGETSIZE})
            damaged = damaged || f.minor == m;
    }
    // A failure inside the file's own structures (heaps, B-trees, object
    // headers, the metadata cache) that has no more specific sign is damage too.
    for (hid_t major : {H5E_HEAP, H5E_BTREE, H5E_OHDR, H5E_CACHE, H5E_FSPACE, H5E_SOHM, H5E_EARRAY, H5E_FARRAY})
        damaged = damaged || deepest.major == major;
    if (damaged)
        return {ErrorCode::Corrupt, QStringLiteral("The file is damaged: some of its internal structures cannot be read.")};
    if (anyMinor(frames, H5E_NOTFOUND))
        return {ErrorCode::NotFound, QStringLiteral("There is no such object in the file.")};
    if (anyMinor(frames, H5E_CANTOPENFILE) && frames.size() <= 3)
        return {ErrorCode::Internal, QStringLiteral("The file could not be opened.")};
    return {ErrorCode::Internal,
            QStringLiteral("The HDF5 library reported: \u201c%1\u201d.").arg(deepest.description)};
}

QList<Frame> takeFrames()
{
    QList<Frame> frames;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &frames);
    H5Eclear2(H5E_DEFAULT);
    return frames;
}

QString detailOf(const QList<Frame> &frames, const QString &action)
{
    QStringList detailLines;
    for (int i = 0; i < frames.size(); ++i) {
        const Frame &f = frames[i];
        detailLines << QStringLiteral("#%1 %2(): %3\n    major: %4\n    minor: %5")
                           .arg(i)
                           .arg(f.function, f.description, f.majorText, f.minorText);
    }
    const QString detail = detailLines.join(QLatin1Char('\n'));
    // For bug reports: the raw stack on request, never by default.
    if (qEnvironmentVariableIsSet("HYPERSLAB_TRACE_HDF5_ERRORS") && !frames.isEmpty())
        fprintf(stderr, "[hdf5 error while trying to %s]\n%s\n", qUtf8Printable(action), qUtf8Printable(detail));
    return detail;
}

} // namespace

void clear()
{
    H5Eclear2(H5E_DEFAULT);
}

Error capture(const QString &action, const QString &subject)
{
    const QList<Frame> frames = takeFrames();
    const QString detail = detailOf(frames, action);
    const Cause cause = classify(frames);
    const QString what = QStringLiteral("Could not %1%2.").arg(action, subjectPart(subject));
    return Error::make(cause.code, cause.why.isEmpty() ? what : what + QLatin1Char(' ') + cause.why, detail);
}

Error captureCause()
{
    const QList<Frame> frames = takeFrames();
    const QString detail = detailOf(frames, QStringLiteral("read an object"));
    const Cause cause = classify(frames);
    return Error::make(cause.code, cause.why.isEmpty() ? QStringLiteral("The HDF5 library reported an error.") : cause.why,
                       detail);
}

} // namespace hs::core::errorstack
