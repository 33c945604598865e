#include "session/sessionjournal.h"

#include "hdf5/crashbreadcrumb.h"
#include "model/names.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <atomic>
#include <csignal>
#include <cstring>

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace hs::core {

namespace {

constexpr char Magic[8] = {'H', 'S', 'R', 'E', 'A', 'D', 'S', '1'};
constexpr int RecordCount = 32;
constexpr std::size_t FileCap = CrashBreadcrumb::FileCapacity;
constexpr std::size_t ObjectCap = CrashBreadcrumb::ObjectCapacity;

// One thread's current object. `active` is cleared before the text changes and
// set after, so a record cut short by a kill is never taken for a whole one.
struct Record
{
    quint32 active;
    quint32 reserved;
    quint64 sequence; // newest wins when no fault says which thread it was
    char file[FileCap];
    char object[ObjectCap];
};

// The `<pid>.reads` file, mapped. Plain old data: it is read back by another
// process after this one died.
struct ReadsFile
{
    char magic[8];
    qint64 pid;
    qint32 faultSignal; // set by the fatal-signal hook
    qint32 reserved;
    char faultFile[FileCap];
    char faultObject[ObjectCap];
    Record records[RecordCount];
};

std::atomic<ReadsFile *> g_reads{nullptr}; // the started journal's mapping
std::atomic<quint64> g_sequence{0};
std::atomic<int> g_nextRecord{0};
thread_local int t_record = -1;

// Async-signal-safe copy (no library call), cut to fit, NUL-terminated.
void copyText(char *dst, std::size_t capacity, const char *src)
{
    std::size_t i = 0;
    for (; src[i] != '\0' && i + 1 < capacity; ++i)
        dst[i] = src[i];
    dst[i] = '\0';
}

// Runs before every risky read, on the reading thread: a few stores into mapped
// memory, nothing else.
void onBreadcrumb(void *, const char *file, const char *object)
{
    ReadsFile *reads = g_reads.load(std::memory_order_acquire);
    if (!reads)
        return;
    if (t_record < 0)
        t_record = g_nextRecord.fetch_add(1) % RecordCount; // shared beyond RecordCount threads
    Record &r = reads->records[t_record];
    __atomic_store_n(&r.active, 0u, __ATOMIC_RELEASE);
    if (*file == '\0' && *object == '\0')
        return; // left its last scope
    copyText(r.file, sizeof r.file, file);
    copyText(r.object, sizeof r.object, object);
    __atomic_store_n(&r.sequence, g_sequence.fetch_add(1) + 1, __ATOMIC_RELAXED);
    __atomic_store_n(&r.active, 1u, __ATOMIC_RELEASE);
}

// In the fatal-signal handler: which object the faulting thread was reading.
void onFatalSignal(int signalNumber, const char *file, const char *object)
{
    ReadsFile *reads = g_reads.load(std::memory_order_acquire);
    if (!reads)
        return;
    copyText(reads->faultFile, sizeof reads->faultFile, file);
    copyText(reads->faultObject, sizeof reads->faultObject, object);
    __atomic_store_n(&reads->faultSignal, qint32(signalNumber), __ATOMIC_RELEASE);
}

bool processIsRunning(qint64 pid)
{
    if (pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

QString signalWords(int signalNumber)
{
    switch (signalNumber) {
    case SIGSEGV: return QStringLiteral("an invalid memory access, SIGSEGV");
    case SIGABRT: return QStringLiteral("an abort, SIGABRT");
    case SIGBUS: return QStringLiteral("a bus error, SIGBUS");
    case SIGFPE: return QStringLiteral("an arithmetic error, SIGFPE");
    case SIGILL: return QStringLiteral("an illegal instruction, SIGILL");
    default: return QStringLiteral("signal %1").arg(signalNumber);
    }
}

// Object paths as core holds them may carry bytes that are not UTF-8 (lone
// surrogates, model/names.h), which JSON cannot: the file has the escaped form,
// as the breadcrumbs do.
QJsonArray objectsToJson(const QList<SessionObject> &objects)
{
    QJsonArray a;
    for (const SessionObject &o : objects)
        a.append(QJsonObject{{QStringLiteral("file"), o.file}, {QStringLiteral("path"), names::toEscaped(o.path)}});
    return a;
}

SessionObject objectFromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    return {o.value(QStringLiteral("file")).toString(), names::fromEscaped(o.value(QStringLiteral("path")).toString())};
}

QList<SessionObject> objectsFromJson(const QJsonValue &v)
{
    QList<SessionObject> list;
    const QJsonArray a = v.toArray();
    for (const QJsonValue &e : a) {
        const SessionObject o = objectFromJson(e);
        if (o.isValid())
            list.append(o);
    }
    return list;
}

// The journal files of process `pid` in `dir`.
QString readsPath(const QString &dir, qint64 pid)
{
    return QDir(dir).filePath(QStringLiteral("%1.reads").arg(pid));
}

QString sessionPath(const QString &dir, qint64 pid)
{
    return QDir(dir).filePath(QStringLiteral("%1.session.json").arg(pid));
}

// What one dead instance's journal says.
std::optional<CrashReport> readJournal(const QString &dir, qint64 pid)
{
    QFile reads(readsPath(dir, pid));
    if (!reads.open(QIODevice::ReadOnly) || reads.size() != qint64(sizeof(ReadsFile)))
        return std::nullopt;
    auto layout = std::make_unique<ReadsFile>();
    if (reads.read(reinterpret_cast<char *>(layout.get()), sizeof(ReadsFile)) != qint64(sizeof(ReadsFile))
        || std::memcmp(layout->magic, Magic, sizeof Magic) != 0)
        return std::nullopt;
    auto text = [](const char *s, std::size_t cap) { return QString::fromUtf8(s, qsizetype(strnlen(s, cap))); };
    // Breadcrumbs hold object paths escaped (model/names.h); the session has them as core does.
    auto object = [&](const char *s) { return names::fromEscaped(text(s, ObjectCap)); };
    CrashReport report;
    report.signalNumber = layout->faultSignal;
    report.when = QFileInfo(reads).lastModified();
    if (report.signalNumber != 0) {
        report.reading = {text(layout->faultFile, FileCap), object(layout->faultObject)};
    } else {
        // Killed without a fault: the newest read still under way, if any.
        const Record *newest = nullptr;
        for (const Record &r : layout->records)
            if (r.active == 1 && (!newest || r.sequence > newest->sequence))
                newest = &r;
        if (newest)
            report.reading = {text(newest->file, FileCap), object(newest->object)};
    }
    if (report.reading.path.isEmpty() && report.reading.isValid())
        report.reading.path = QStringLiteral("/");
    QFile session(sessionPath(dir, pid));
    if (session.open(QIODevice::ReadOnly)) {
        report.session = SessionState::fromJson(QJsonDocument::fromJson(session.readAll()).object());
        report.when = std::max(report.when, QFileInfo(session).lastModified());
    }
    return report;
}

} // namespace

QString SessionObject::displayPath() const
{
    return names::toEscaped(path);
}

QJsonObject SessionState::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("files"), QJsonArray::fromStringList(files));
    if (selection.isValid())
        o.insert(QStringLiteral("selection"), objectsToJson({selection}).first());
    o.insert(QStringLiteral("tabs"), objectsToJson(tabs));
    o.insert(QStringLiteral("heldBack"), objectsToJson(heldBack));
    return o;
}

SessionState SessionState::fromJson(const QJsonObject &json)
{
    SessionState s;
    const QJsonArray files = json.value(QStringLiteral("files")).toArray();
    for (const QJsonValue &f : files)
        if (!f.toString().isEmpty())
            s.files.append(f.toString());
    s.selection = objectFromJson(json.value(QStringLiteral("selection")));
    s.tabs = objectsFromJson(json.value(QStringLiteral("tabs")));
    s.heldBack = objectsFromJson(json.value(QStringLiteral("heldBack")));
    return s;
}

QString CrashReport::message() const
{
    const QString fileName = QFileInfo(reading.file).fileName();
    if (reading.isValid() && signalNumber != 0)
        return QCoreApplication::translate("CrashReport",
                                           "Hyperslab stopped while reading %1 in %2; this is a fault in the HDF5 "
                                           "library triggered by that object.")
            .arg(reading.displayPath(), fileName);
    if (reading.isValid())
        return QCoreApplication::translate("CrashReport",
                                           "Hyperslab was stopped from outside while it was reading %1 in %2 "
                                           "(the read may have hung).")
            .arg(reading.displayPath(), fileName);
    if (signalNumber != 0)
        return QCoreApplication::translate("CrashReport",
                                           "Hyperslab stopped because of an internal error (%1), while it was not "
                                           "reading an object from a file.")
            .arg(signalWords(signalNumber));
    return QCoreApplication::translate("CrashReport",
                                       "Hyperslab did not close normally last time (it was stopped from outside, or "
                                       "the computer shut down).");
}

struct SessionJournal::Mapping
{
    qint64 pid = 0;
    // Never unmapped: a listener on another thread may still be copying into
    // it when the journal ends; it is a hundred KiB, once per process.
    ReadsFile *reads = nullptr;
    int sessionFd = -1;      // `<pid>.session.json`, open while the journal runs
    qsizetype sessionSize = 0; // bytes written so far (later versions pad to it)
    ~Mapping()
    {
        if (sessionFd >= 0)
            ::close(sessionFd);
    }
};

SessionJournal::SessionJournal(QString directory) : m_dir(std::move(directory)) {}

SessionJournal::~SessionJournal()
{
    if (m_map && g_reads.load() == m_map->reads) {
        CrashBreadcrumb::setListener(nullptr, nullptr);
        CrashBreadcrumb::setFatalHook(nullptr);
        g_reads = nullptr;
    }
}

QString SessionJournal::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("sessions"));
}

QString SessionJournal::sessionFilePath() const
{
    return sessionPath(m_dir, qint64(::getpid()));
}

QString SessionJournal::readsFilePath() const
{
    return readsPath(m_dir, qint64(::getpid()));
}

std::optional<CrashReport> SessionJournal::takeCrashReport()
{
    std::optional<CrashReport> newest;
    const QDir dir(m_dir);
    const QStringList names = dir.entryList({QStringLiteral("*.reads"), QStringLiteral("*.session.json")}, QDir::Files);
    QList<qint64> dead;
    for (const QString &name : names) {
        bool ok = false;
        const qint64 pid = name.section(QLatin1Char('.'), 0, 0).toLongLong(&ok);
        if (ok && pid != qint64(::getpid()) && !processIsRunning(pid) && !dead.contains(pid))
            dead.append(pid);
    }
    for (const qint64 pid : dead) {
        // A session file without its reads file is what a clean exit cut
        // short leaves: nothing to report.
        if (auto report = readJournal(m_dir, pid); report && (!newest || report->when > newest->when))
            newest = std::move(report);
        QFile::remove(readsPath(m_dir, pid));
        QFile::remove(sessionPath(m_dir, pid));
    }
    return newest;
}

bool SessionJournal::start()
{
    if (m_map || g_reads.load())
        return false;
    if (!QDir().mkpath(m_dir))
        return false;
    const QByteArray path = QFile::encodeName(readsFilePath());
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    void *mem = MAP_FAILED;
    if (::ftruncate(fd, off_t(sizeof(ReadsFile))) == 0)
        mem = ::mmap(nullptr, sizeof(ReadsFile), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ::close(fd); // the mapping keeps the file
    if (mem == MAP_FAILED) {
        ::unlink(path.constData());
        return false;
    }
    m_map = std::make_unique<Mapping>();
    m_map->pid = qint64(::getpid());
    m_map->reads = static_cast<ReadsFile *>(mem);
    std::memcpy(m_map->reads->magic, Magic, sizeof Magic);
    m_map->reads->pid = m_map->pid;
    g_reads = m_map->reads;
    CrashBreadcrumb::setFatalHook(onFatalSignal);
    CrashBreadcrumb::setListener(onBreadcrumb, nullptr);
    // The hook runs from the breadcrumb's fatal-signal handler; installing it
    // again is harmless (same handler) and it also tells stderr what happened.
    static QByteArray program = QFileInfo(QCoreApplication::applicationFilePath()).fileName().toLocal8Bit();
    CrashBreadcrumb::installFatalSignalHandler(program.isEmpty() ? "hyperslab" : program.constData());
    save(SessionState());
    return true;
}

bool SessionJournal::isStarted() const
{
    return m_map != nullptr;
}

void SessionJournal::save(const SessionState &state)
{
    if (!m_map)
        return;
    QByteArray json = QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact);
    if (json == m_lastSaved)
        return;
    if (m_map->sessionFd < 0) {
        m_map->sessionFd = ::open(QFile::encodeName(sessionFilePath()).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (m_map->sessionFd < 0)
            return;
    }
    // One write over the old text, padded with spaces (JSON ignores them) to
    // its length: a dying process stops before or after a write of a page
    // (a session is smaller), so the file holds one whole version. No rename,
    // no truncate, no fsync: on ext4 a rename over the old file flushes it
    // (2.5 ms per save here, against 0.011 ms for this).
    const qsizetype length = json.size();
    if (json.size() < m_map->sessionSize)
        json.append(m_map->sessionSize - json.size(), ' ');
    if (::pwrite(m_map->sessionFd, json.constData(), size_t(json.size()), 0) == json.size()) {
        m_map->sessionSize = json.size();
        m_lastSaved = json.left(length);
    }
}

void SessionJournal::finish()
{
    if (!m_map)
        return;
    if (g_reads.load() == m_map->reads) {
        CrashBreadcrumb::setListener(nullptr, nullptr);
        CrashBreadcrumb::setFatalHook(nullptr);
        g_reads = nullptr;
    }
    // Listeners on other threads may still be copying: the mapping stays
    // until the process ends (a few KiB), only the files go.
    m_map->reads = nullptr;
    m_map.reset();
    QFile::remove(readsFilePath());
    QFile::remove(sessionFilePath());
    m_lastSaved.clear();
}

} // namespace hs::core
