// hyperslab_editbench: editing values of a 10 GiB chunked dataset.
//  - one cell edit in the real grid, from the Enter key in the cell editor to
//    the write flushed (H5Fflush) and acknowledged (EditHistory's done), at
//    random cells all over the dataset (most chunks not cached);
//  - Fill Selection over 1 GiB: time, peak memory beyond the start, the undo
//    file's size, and undo of it;
//  - Cancel of a fill of the whole dataset: time from Cancel to the file
//    being as it was (what was already written is put back).
// See bench/README.md.

#include "benchutil.h"
#include "datagridview.h"
#include "datasetpanel.h"
#include "edit/filloperation.h"
#include "edithistory.h"
#include "hdf5/librarylock.h"
#include "models/datasettablemodel.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "session/filesession.h"
#include "valueeditcontroller.h"

#include <hdf5.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QStorageInfo>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <QDateTime>
#include <QUndoStack>

using namespace hs;
using namespace hs::bench;

namespace {

constexpr hsize_t kRows = 40960, kCols = 65536, kChunk = 256; // float32: 10 GiB

// Every chunk written whole with H5Dwrite_chunk (no filter): values r*1e-3 + c.
bool writeBigFile(const QString &path)
{
    core::LibraryLock lock;
    const QString tmp = path + QStringLiteral(".part");
    hid_t f = H5Fcreate(tmp.toUtf8().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0)
        return false;
    hsize_t dims[2] = {kRows, kCols}, chunk[2] = {kChunk, kChunk};
    hid_t s = H5Screate_simple(2, dims, nullptr);
    hid_t p = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(p, 2, chunk);
    H5Pset_fill_time(p, H5D_FILL_TIME_NEVER);
    hid_t d = H5Dcreate2(f, "data", H5T_IEEE_F32LE, s, H5P_DEFAULT, p, H5P_DEFAULT);
    std::vector<float> buf(kChunk * kChunk);
    bool ok = d >= 0;
    for (hsize_t cr = 0; ok && cr < kRows / kChunk; ++cr) {
        for (hsize_t cc = 0; ok && cc < kCols / kChunk; ++cc) {
            for (hsize_t r = 0; r < kChunk; ++r)
                for (hsize_t c = 0; c < kChunk; ++c)
                    buf[r * kChunk + c] = float(cr * kChunk + r) * 1e-3f + float(cc * kChunk + c);
            hsize_t offset[2] = {cr * kChunk, cc * kChunk};
            ok = H5Dwrite_chunk(d, H5P_DEFAULT, 0, offset, buf.size() * sizeof(float), buf.data()) >= 0;
        }
    }
    H5Dclose(d);
    H5Pclose(p);
    H5Sclose(s);
    ok = H5Fclose(f) >= 0 && ok;
    return ok && QFile::rename(tmp, path);
}

// Runs the event loop until `pred` holds (checked every millisecond, without spinning).
template<typename Pred>
bool waitFor(Pred pred, int msecs = 20000)
{
    if (pred())
        return true;
    QEventLoop loop;
    QTimer poll, deadline;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (pred())
            loop.quit();
    });
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start();
    deadline.start(msecs);
    loop.exec();
    return pred();
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return 0;
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral("Editing values of a 10 GiB dataset: one cell, fill, cancel."));
    args.addHelpOption();
    args.addOptions({{QStringLiteral("edits"), QStringLiteral("Cell edits to time (default 200)."), QStringLiteral("N"), QStringLiteral("200")},
                     {QStringLiteral("data-dir"), QStringLiteral("Folder of the generated file."), QStringLiteral("DIR"), QStringLiteral(HYPERSLAB_BENCH_DATA_DIR)},
                     {QStringLiteral("fill-rows"), QStringLiteral("Rows of the timed fill (x 65536 floats; default 4096 = 1 GiB)."), QStringLiteral("N"), QStringLiteral("4096")},
                     {QStringLiteral("results"), QStringLiteral("Markdown file to update."), QStringLiteral("F"), QStringLiteral(HYPERSLAB_BENCH_SOURCE_DIR "/RESULTS.md")},
                     {QStringLiteral("no-results"), QStringLiteral("Do not write RESULTS.md.")}});
    args.process(app);
    QTextStream out(stdout);
    const QString loadBefore = loadAverage();
    QDir().mkpath(args.value(QStringLiteral("data-dir")));
    const QString path = QDir(args.value(QStringLiteral("data-dir"))).filePath(QStringLiteral("edit-10gib-v1.h5"));
    if (!QFile::exists(path)) {
        const QStorageInfo disk(QFileInfo(path).absolutePath());
        if (disk.bytesAvailable() < qint64(14) << 30) {
            out << "not enough free space for the 10 GiB file in " << disk.rootPath() << Qt::endl;
            return 1;
        }
        out << "writing " << path << " (10 GiB) ..." << Qt::endl;
        const auto t0 = Clock::now();
        if (!writeBigFile(path))
            return out << "could not write " << path << Qt::endl, 1;
        out << "written in " << secondsSince(t0) << " s" << Qt::endl;
    }
    const qint64 fileBytes = QFileInfo(path).size();
    out << "file " << path << ": " << fileBytes << " bytes" << Qt::endl;

    auto opened = core::H5File::open(path, core::H5File::Mode::ReadWrite);
    if (!opened)
        return out << opened.error().message << Qt::endl, 1;
    core::H5FilePtr file = opened.value();
    core::FileSession session(file);
    auto reader = core::DatasetReader::open(file, QStringLiteral("/data")).value();
    ui::DatasetPanel panel(reader, QFileInfo(path).fileName());
    panel.resize(1400, 900);
    panel.show();
    QTest::qWaitForWindowExposed(&panel);
    ui::EditHistory::instance().setActiveSession(&session);
    QUndoStack *stack = ui::EditHistory::instance().stackFor(&session);
    ui::ValueEditController *edits = panel.valueEdits();
    QTableView *table = panel.grid()->tableView();
    int written = 0;
    Clock::time_point writtenAt;
    QObject::connect(edits, &ui::ValueEditController::written, [&] {
        writtenAt = Clock::now();
        ++written;
    });
    QObject::connect(edits, &ui::ValueEditController::writeFailed, [&](const QString &, const core::Error &e) {
        out << "write failed: " << e.message << Qt::endl;
        ++written;
    });

    // One cell edit at a time, Enter to acknowledged.
    const int n = std::max(1, args.value(QStringLiteral("edits")).toInt());
    std::vector<double> ms;
    QRandomGenerator rng(20261206);
    int failures = 0;
    for (int i = 0; i < n; ++i) {
        const quint64 r = rng.bounded(quint64(kRows)), c = rng.bounded(quint64(kCols));
        panel.goToCell(r, c);
        if (!waitFor([&] { return panel.model()->isLoaded(r, c); })) {
            ++failures;
            continue;
        }
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F2);
        auto *line = table->findChild<QLineEdit *>(QStringLiteral("cellEditor"));
        if (!line) {
            ++failures;
            continue;
        }
        line->setText(QString::number(double(i) + 0.25));
        const int before = written;
        const auto t0 = Clock::now();
        QTest::keyClick(line, Qt::Key_Return);
        if (!waitFor([&] { return written > before; })) {
            ++failures;
            continue;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(writtenAt - t0).count());
    }
    out << "cell edits: " << ms.size() << " timed, " << failures << " failed" << Qt::endl;
    const double p50 = percentile(ms, 0.5), p95 = percentile(ms, 0.95), pmax = percentile(ms, 1.0);
    out << "Enter to flushed: p50 " << p50 << " ms, p95 " << p95 << " ms, max " << pmax << " ms" << Qt::endl;
    const int editSteps = stack->count();
    // Undo them all (the file goes back to its generated values).
    const auto tu = Clock::now();
    while (stack->canUndo())
        stack->undo();
    session.waitForWrites(600000);
    const double undoAll = secondsSince(tu);

    // Fill 1 GiB (rows x all columns) through the controller, as the menu does.
    const quint64 fillRows = std::max<quint64>(1, args.value(QStringLiteral("fill-rows")).toULongLong());
    const long rssBefore = statusKb("VmRSS"), hwmBefore = statusKb("VmHWM");
    long rssPeak = rssBefore;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { rssPeak = std::max(rssPeak, statusKb("VmRSS")); });
    sampler.start(20);
    const quint64 gridCols = panel.model()->totalColumns();
    const int beforeFill = written;
    auto tf = Clock::now();
    const QString fillError = edits->fill(ui::CellRange{1000, 0, 1000 + fillRows - 1, gridCols - 1}, QStringLiteral("7.5"));
    if (!fillError.isEmpty())
        out << "fill refused: " << fillError << Qt::endl;
    waitFor([&] { return written > beforeFill; }, 3600000);
    const double fillSeconds = secondsSince(tf);
    sampler.stop();
    const long hwmAfter = statusKb("VmHWM");
    // The undo file is an unnamed temporary file (O_TMPFILE): find it among this process's open files.
    QString undoFile;
    qint64 undoBytes = 0;
    for (const QFileInfo &fd : QDir(QStringLiteral("/proc/self/fd")).entryInfoList(QDir::System | QDir::Files | QDir::NoDotAndDotDot)) {
        const QString target = fd.symLinkTarget();
        if (!target.startsWith(QDir::tempPath()))
            continue;
        const qint64 size = QFileInfo(fd.filePath()).size();
        if (size > undoBytes) {
            undoBytes = size;
            undoFile = target;
        }
    }
    const auto tfu = Clock::now();
    stack->undo();
    session.waitForWrites(3600000);
    const double fillUndoSeconds = secondsSince(tfu);
    stack->clear(); // frees the undo file
    out << "fill " << fillRows << " x " << kCols << " floats: " << fillSeconds << " s, undo " << fillUndoSeconds
        << " s; RSS " << rssBefore / 1024 << " MB before, peak " << rssPeak / 1024 << " MB (HWM " << hwmBefore / 1024 << " -> "
        << hwmAfter / 1024 << " MB); undo file " << undoBytes << " bytes" << Qt::endl;

    // Cancel a fill of the whole dataset after one second.
    const int beforeCancel = written;
    edits->fill(ui::CellRange{0, 0, kRows - 1, gridCols - 1}, QStringLiteral("1"));
    waitFor([] { return false; }, 1000);
    const auto tc = Clock::now();
    session.cancelCurrentWrite();
    waitFor([&] { return written > beforeCancel; }, 3600000);
    const double cancelSeconds = secondsSince(tc);
    const int stepsAfterCancel = stack->count();
    out << "cancel of a whole-dataset fill after 1 s: file as it was after " << cancelSeconds << " s (undo steps: "
        << stepsAfterCancel << ")" << Qt::endl;
    // Check a few cells are back to their generated values.
    QString check = QStringLiteral("ok");
    {
        auto block = reader->readBlock(core::Selection::all({kRows, kCols}), false, 0, 4, 0, 4);
        if (!block || block.value()->cellText(3, 2, 0, core::FormatOptions{}) != QStringLiteral("2.003"))
            check = QStringLiteral("NOT restored: ") + (block ? block.value()->cellText(3, 2, 0, core::FormatOptions{}) : block.error().message);
    }
    out << "values after cancel: " << check << Qt::endl;

    if (!args.isSet(QStringLiteral("no-results"))) {
        QString s;
        QTextStream t(&s);
        t << "Run " << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << " on " << QSysInfo::prettyProductName() << ", "
          << QThread::idealThreadCount() << " cores, load " << loadBefore << " before. File: " << QFileInfo(path).fileName() << ", "
          << fileBytes << " bytes on disk (" << QString::number(double(fileBytes) / double(1ll << 30), 'f', 2)
          << " GiB): /data float32 " << kRows << " x " << kCols << ", chunks " << kChunk << " x " << kChunk
          << " (256 KiB), no filter.\n\n";
        t << "| measurement | result |\n|---|---|\n";
        t << "| one cell edit, Enter in the editor to written and flushed (H5Fflush) and acknowledged, " << ms.size()
          << " random cells | p50 " << QString::number(p50, 'f', 2) << " ms, **p95 " << QString::number(p95, 'f', 2) << " ms**, max "
          << QString::number(pmax, 'f', 2) << " ms (target p95 < 20 ms) |\n";
        t << "| undo of those " << editSteps << " edits | " << QString::number(undoAll, 'f', 2) << " s |\n";
        t << "| Fill Selection " << fillRows << " x " << kCols << " (" << QString::number(double(fillRows * kCols * 4) / double(1 << 30), 'f', 2)
          << " GiB) | " << QString::number(fillSeconds, 'f', 1) << " s; undo " << QString::number(fillUndoSeconds, 'f', 1) << " s |\n";
        t << "| memory during that fill | RSS " << rssBefore / 1024 << " MB before, peak " << rssPeak / 1024 << " MB (sampled every 20 ms) |\n";
        t << "| old values kept for undo | " << undoBytes << " bytes in a temporary file (" << QFileInfo(undoFile).fileName() << ") |\n";
        t << "| Cancel of a whole-dataset fill after 1 s | file as it was " << QString::number(cancelSeconds, 'f', 2)
          << " s after Cancel (the pieces already written put back); values checked: " << check << " |\n";
        writeResultsSection(args.value(QStringLiteral("results")), QStringLiteral("editbench"), QStringLiteral("Editing values (hyperslab_editbench)"), s);
    }
    return failures == 0 ? 0 : 2;
}
