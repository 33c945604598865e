// The storage panel and its chunk map on storage.h5 (tests/fixtures/
// fixtures_storage.cpp lists its objects): the texts a user reads for every
// layout, fill setting and filter, the missing-plugin warning, which chunks
// the map shows allocated, and that fast selection changes never leave an
// older object's storage on screen.
//
// The test runs with HDF5_PLUGIN_PATH pointing at an empty folder, so every
// plugin filter (LZF, Blosc, ...) is missing here whatever is installed, and
// the panel must say which package brings it back.

#include "chunkmapwidget.h"
#include "fixtures/fixtures.h"
#include "jobs/jobrunner.h"
#include "services/h5file.h"
#include "services/hierarchyreader.h"
#include "services/storageinspector.h"
#include "storagepanel.h"

#include <QApplication>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QComboBox>
#include <QSpinBox>

#include <hdf5.h>

#include <vector>

using namespace hs;
using core::ObjectKind;
using ui::ChunkMapWidget;
using ui::StoragePanel;

namespace {
constexpr int kTimeout = 15000;

// A 3-D dataset for the slice controls (storage.h5 has none): int32
// [4][30][20] in chunks of 2 x 10 x 10 (2 x 3 x 2 chunks), of which only
// plane 3, rows 0-9 are written: chunks (1, 0, 0) and (1, 0, 1).
bool writeVolume(const QString &path)
{
    bool ok = false;
    const hid_t file = H5Fcreate(path.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[3] = {4, 30, 20}, chunk[3] = {2, 10, 10};
    const hid_t space = H5Screate_simple(3, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (file >= 0 && space >= 0 && dcpl >= 0 && H5Pset_chunk(dcpl, 3, chunk) >= 0) {
        const hid_t ds = H5Dcreate2(file, "volume", H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        const hsize_t start[3] = {3, 0, 0}, count[3] = {1, 10, 20};
        const hid_t mem = H5Screate_simple(3, count, nullptr);
        std::vector<int> values(200, 7);
        ok = ds >= 0 && mem >= 0 && H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr) >= 0
             && H5Dwrite(ds, H5T_NATIVE_INT, mem, space, H5P_DEFAULT, values.data()) >= 0;
        H5Sclose(mem);
        H5Dclose(ds);
    }
    H5Pclose(dcpl);
    H5Sclose(space);
    return H5Fclose(file) >= 0 && ok;
}
} // namespace

class TestStoragePanel : public QObject
{
    Q_OBJECT

    core::H5FilePtr m_file;

    // The text of a form row, or "<hidden>" when the row is not shown.
    static QString field(const StoragePanel &panel, const char *name)
    {
        auto *l = panel.findChild<QLabel *>(QLatin1String(name));
        if (!l)
            return QStringLiteral("<no such label %1>").arg(QLatin1String(name));
        return l->isVisibleTo(&panel) ? l->text() : QStringLiteral("<hidden>");
    }

    static QTableWidget *table(const StoragePanel &panel, const char *name)
    {
        return panel.findChild<QTableWidget *>(QLatin1String(name));
    }

    static QStringList rowTexts(const QTableWidget *t, int row)
    {
        QStringList out;
        for (int c = 0; c < t->columnCount(); ++c)
            out << (t->item(row, c) ? t->item(row, c)->text() : QString());
        return out;
    }

    static QString warning(const StoragePanel &panel)
    {
        auto *box = panel.findChild<QWidget *>(QStringLiteral("filterWarning"));
        auto *text = panel.findChild<QLabel *>(QStringLiteral("filterWarningText"));
        return box && text && box->isVisibleTo(&panel) ? text->text() : QString();
    }

    bool exists(const QString &path) const { return core::HierarchyReader(m_file).linkExists(path); }

    // Shows `path` and waits until its storage (not a "Reading…" line) is on screen.
    void load(StoragePanel &panel, const QString &path, ObjectKind kind = ObjectKind::Dataset)
    {
        QSignalSpy loaded(&panel, &StoragePanel::loaded);
        panel.setObject(m_file, path, kind);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, kTimeout);
        QCOMPARE(panel.path(), path);
    }

    void loadWithMap(StoragePanel &panel, const QString &path)
    {
        load(panel, path);
        ChunkMapWidget *map = panel.chunkMapWidget();
        QTRY_VERIFY_WITH_TIMEOUT(map->hasMap() || !map->message().isEmpty(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!map->isBuilding(), kTimeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Sizes read "40,000 bytes" in every environment the test runs in.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QString dir = qEnvironmentVariable("HYPERSLAB_FIXTURES_DIR", QStringLiteral(HYPERSLAB_FIXTURES_DIR));
        auto f = core::H5File::open(dir + QLatin1Char('/') + QLatin1String(fixtures::StorageFileName));
        QVERIFY2(f.ok(), f.ok() ? "" : qPrintable(f.error().message));
        m_file = f.value();
    }

    void cleanup()
    {
        core::JobRunner::instance().waitForIdle();
        QCoreApplication::processEvents();
    }

    void chunkedDataset()
    {
        StoragePanel panel;
        loadWithMap(panel, QStringLiteral("/chunked"));
        QCOMPARE(panel.message(), QString());
        QCOMPARE(field(panel, "title"), QStringLiteral("/chunked"));
        QCOMPARE(field(panel, "layout"), QStringLiteral("Chunked"));
        QCOMPARE(field(panel, "chunkShape"), QStringLiteral("100 \u00d7 100"));
        QCOMPARE(field(panel, "chunkSize"), QStringLiteral("39.1 KiB (40,000 bytes)"));
        QCOMPARE(field(panel, "allocatedChunks"), QStringLiteral("6 of 80"));
        QCOMPARE(field(panel, "logicalSize"), QStringLiteral("3.1 MiB (3,200,000 bytes)"));
        QCOMPARE(field(panel, "storageSize"), QStringLiteral("234.4 KiB (240,000 bytes)"));
        QCOMPARE(field(panel, "compressionRatio"), QStringLiteral("13 : 1"));
        QCOMPARE(field(panel, "fillValue"), QStringLiteral("0 (library default)"));
        QCOMPARE(field(panel, "allocTime"), QStringLiteral("incremental"));
        QCOMPARE(field(panel, "fillTime"), QStringLiteral("if set"));
        QCOMPARE(field(panel, "noFilters"), QStringLiteral("None: the values are stored as they are."));
        QVERIFY(!table(panel, "filters")->isVisibleTo(&panel));
        QVERIFY(!table(panel, "externalFiles")->isVisibleTo(&panel));
        QVERIFY(!table(panel, "virtualMappings")->isVisibleTo(&panel));
        QCOMPARE(warning(panel), QString());
    }

    void chunkMapOfChunked()
    {
        StoragePanel panel;
        loadWithMap(panel, QStringLiteral("/chunked"));
        ChunkMapWidget *w = panel.chunkMapWidget();
        QVERIFY2(w->hasMap(), qPrintable(w->message()));
        QCOMPARE(w->message(), QString());
        const core::ChunkMap &m = w->chunkMap();
        // 1000 x 800 in chunks of 100 x 100: 10 chunk rows, 8 chunk columns, one chunk a cell.
        QCOMPARE(w->rowDim(), 0);
        QCOMPARE(w->colDim(), 1);
        QCOMPARE(m.rows, 10);
        QCOMPARE(m.cols, 8);
        QCOMPARE(m.binRows, quint64(1));
        QCOMPARE(m.binCols, quint64(1));
        QCOMPARE(m.allocated, quint64(6));
        QVERIFY(m.complete);
        // Written: rows 0-299, columns 0-199, i.e. chunk rows 0-2 x chunk columns 0-1, 40,000 bytes each.
        for (int r = 0; r < m.rows; ++r)
            for (int c = 0; c < m.cols; ++c) {
                const bool written = r < 3 && c < 2;
                QCOMPARE(m.cellBytes[size_t(r * m.cols + c)], written ? qint64(40000) : qint64(-1));
                QCOMPARE(m.cellAllocated[size_t(r * m.cols + c)], written ? 1u : 0u);
            }
        QCOMPARE(w->caption(), QStringLiteral("80 chunks, 6 allocated; cells show 1 chunk each"));
        auto *caption = w->findChild<QLabel *>(QStringLiteral("chunkMapCaption"));
        QVERIFY(caption && caption->isVisibleTo(w));
        QCOMPARE(caption->text(), w->caption());

        QCOMPARE(w->cellToolTip(2, 1), QStringLiteral("Chunk (2, 1)\nElements [200:300, 100:200]\n"
                                                      "39.1 KiB (40,000 bytes) on disk\n"
                                                      "39.1 KiB (40,000 bytes) uncompressed, ratio 1.0 : 1"));
        QCOMPARE(w->cellToolTip(9, 7), QStringLiteral("Chunk (9, 7)\nElements [900:1000, 700:800]\n"
                                                      "Not allocated: nothing written; reads give the fill value"));
        QCOMPARE(w->cellToolTip(10, 0), QString());
    }

    void chunkMapSliceAndOneDimension()
    {
        StoragePanel panel;
        loadWithMap(panel, QStringLiteral("/chunked"));
        ChunkMapWidget *w = panel.chunkMapWidget();
        // Columns down, rows across: the written block is now 2 chunk rows x 3 chunk columns.
        w->setSlice(1, 0, {});
        QVERIFY(!w->hasMap());
        QTRY_VERIFY_WITH_TIMEOUT(w->hasMap(), kTimeout);
        QCOMPARE(w->chunkMap().rows, 8);
        QCOMPARE(w->chunkMap().cols, 10);
        QCOMPARE(w->chunkMap().cellBytes[size_t(1 * 10 + 2)], qint64(40000));
        QCOMPARE(w->chunkMap().cellBytes[size_t(2 * 10 + 1)], qint64(-1));
        QCOMPARE(w->cellToolTip(1, 2).section(QLatin1Char('\n'), 0, 1),
                 QStringLiteral("Chunk (2, 1)\nElements [200:300, 100:200]"));

        loadWithMap(panel, QStringLiteral("/chunked_1d"));
        QVERIFY2(w->hasMap(), qPrintable(w->message()));
        QCOMPARE(w->rowDim(), -1);
        QCOMPARE(w->colDim(), 0);
        QCOMPARE(w->chunkMap().cols, 5);
        QCOMPARE(w->chunkMap().allocated, quint64(5));
        QCOMPARE(w->caption(), QStringLiteral("5 chunks, 5 allocated; cells show 1 chunk each"));
        QCOMPARE(w->cellToolTip(0, 4).section(QLatin1Char('\n'), 0, 1), QStringLiteral("Chunk (4)\nElements [4000:5000]"));
    }

    void chunkMapSliceOfThreeDimensions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("volume.h5"));
        QVERIFY(writeVolume(path));
        auto file = core::H5File::open(path);
        QVERIFY(file.ok());
        StoragePanel panel;
        QSignalSpy loaded(&panel, &StoragePanel::loaded);
        panel.setObject(file.value(), QStringLiteral("/volume"), ObjectKind::Dataset);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kTimeout);
        ChunkMapWidget *w = panel.chunkMapWidget();
        QTRY_VERIFY_WITH_TIMEOUT(w->hasMap(), kTimeout);

        // Default: the last two dimensions, index 0 along the first; plane 0 has nothing written.
        QCOMPARE(w->rowDim(), 1);
        QCOMPARE(w->colDim(), 2);
        QCOMPARE(w->fixedIndices(), (std::vector<quint64>{0, 0, 0}));
        QCOMPARE(w->chunkMap().rows, 3);
        QCOMPARE(w->chunkMap().cols, 2);
        QCOMPARE(w->caption(), QStringLiteral("6 chunks in this slice, 0 allocated; cells show 1 chunk each"));
        auto *rows = w->findChild<QComboBox *>(QStringLiteral("chunkMapRows"));
        auto *cols = w->findChild<QComboBox *>(QStringLiteral("chunkMapColumns"));
        auto *index0 = w->findChild<QSpinBox *>(QStringLiteral("chunkMapIndex0"));
        QVERIFY(rows && cols && index0);
        QCOMPARE(rows->currentText(), QStringLiteral("dim 1 (30)"));
        QCOMPARE(cols->currentText(), QStringLiteral("dim 2 (20)"));
        QVERIFY(index0->isVisibleTo(w));
        QVERIFY(!w->findChild<QSpinBox *>(QStringLiteral("chunkMapIndex1"))->isVisibleTo(w));
        QCOMPARE(index0->maximum(), 3);

        // The user steps to plane 3: its first chunk row is written.
        QSignalSpy ready(w, &ChunkMapWidget::mapReady);
        index0->setValue(3);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeout);
        QVERIFY(w->hasMap());
        QCOMPARE(w->fixedIndices()[0], quint64(3));
        QCOMPARE(w->chunkMap().allocated, quint64(2));
        QCOMPARE(w->chunkMap().cellBytes, (std::vector<qint64>{800, 800, -1, -1, -1, -1}));
        QCOMPARE(w->cellToolTip(0, 1).section(QLatin1Char('\n'), 0, 1),
                 QStringLiteral("Chunk (1, 0, 1)\nElements [2:4, 0:10, 10:20]"));

        // Picking dim 0 for rows: planes down, columns across, at row index 0.
        w->setSlice(0, 2, {0, 0, 0});
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kTimeout);
        QVERIFY(w->hasMap());
        QCOMPARE(rows->currentText(), QStringLiteral("dim 0 (4)")); // the controls follow
        QCOMPARE(w->chunkMap().rows, 2);
        QCOMPARE(w->chunkMap().cols, 2);
        QCOMPARE(w->chunkMap().cellBytes, (std::vector<qint64>{-1, -1, 800, 800}));
    }

    void compactAndContiguous()
    {
        StoragePanel panel;
        loadWithMap(panel, QStringLiteral("/compact"));
        QCOMPARE(field(panel, "layout"), QStringLiteral("Compact"));
        QCOMPARE(field(panel, "chunkShape"), QStringLiteral("<hidden>"));
        QCOMPARE(field(panel, "allocatedChunks"), QStringLiteral("<hidden>"));
        QCOMPARE(field(panel, "logicalSize"), QStringLiteral("40 bytes"));
        QCOMPARE(field(panel, "storageSize"), QStringLiteral("40 bytes"));
        QCOMPARE(field(panel, "compressionRatio"), QStringLiteral("1.0 : 1"));
        QVERIFY(!panel.chunkMapWidget()->hasMap());
        QVERIFY(panel.chunkMapWidget()->message().contains(QLatin1String("compact")));

        loadWithMap(panel, QStringLiteral("/contiguous"));
        QCOMPARE(field(panel, "layout"), QStringLiteral("Contiguous"));
        QCOMPARE(field(panel, "logicalSize"), QStringLiteral("39.1 KiB (40,000 bytes)"));
        QCOMPARE(field(panel, "storageSize"), QStringLiteral("39.1 KiB (40,000 bytes)"));
        QCOMPARE(field(panel, "compressionRatio"), QStringLiteral("1.0 : 1"));
        QCOMPARE(field(panel, "noFilters"), QStringLiteral("<hidden>"));
        QCOMPARE(panel.chunkMapWidget()->message(),
                 QStringLiteral("No chunk map: the dataset is stored contiguously, in one piece, not in chunks."));

        // Never written, space reserved late: nothing stored, so no ratio.
        load(panel, QStringLiteral("/contiguous_late"));
        QCOMPARE(field(panel, "storageSize"), QStringLiteral("0 bytes"));
        QCOMPARE(field(panel, "compressionRatio"), QStringLiteral("\u2014"));
        QCOMPARE(field(panel, "allocTime"), QStringLiteral("late"));
    }

    void fillValues()
    {
        StoragePanel panel;
        load(panel, QStringLiteral("/fill_user"));
        QCOMPARE(field(panel, "fillValue"), QStringLiteral("-1 (user-defined)"));
        QCOMPARE(field(panel, "allocTime"), QStringLiteral("late"));
        load(panel, QStringLiteral("/fill_undefined"));
        QCOMPARE(field(panel, "fillValue"), QStringLiteral("undefined"));
        QCOMPARE(field(panel, "fillTime"), QStringLiteral("never"));
    }

    void externalFile()
    {
        StoragePanel panel;
        loadWithMap(panel, QStringLiteral("/external"));
        QCOMPARE(field(panel, "layout"), QStringLiteral("Contiguous"));
        QTableWidget *t = table(panel, "externalFiles");
        QVERIFY(t->isVisibleTo(&panel));
        QCOMPARE(t->rowCount(), 1);
        QCOMPARE(rowTexts(t, 0), (QStringList{QStringLiteral("storage_ext.bin"), QStringLiteral("16"), QStringLiteral("400 bytes")}));
        QCOMPARE(field(panel, "logicalSize"), QStringLiteral("400 bytes"));
        QCOMPARE(panel.chunkMapWidget()->message(),
                 QStringLiteral("No chunk map: the values are stored in external files, not in chunks."));
    }

    void virtualMappings()
    {
        StoragePanel panel;
        loadWithMap(panel, QStringLiteral("/virtual"));
        QCOMPARE(field(panel, "layout"), QStringLiteral("Virtual"));
        QTableWidget *t = table(panel, "virtualMappings");
        QVERIFY(t->isVisibleTo(&panel));
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(rowTexts(t, 0), (QStringList{QStringLiteral("{(0,0)-(0,49)}"), QStringLiteral("storage_src.h5"),
                                              QStringLiteral("/a"), QStringLiteral("all")}));
        QCOMPARE(rowTexts(t, 1), (QStringList{QStringLiteral("{(1,0)-(1,24)}"), QStringLiteral("storage_src.h5"),
                                              QStringLiteral("/b"), QStringLiteral("{(25)-(49)}")}));
        QVERIFY(panel.chunkMapWidget()->message().contains(QLatin1String("virtual")));
    }

    void builtInFilters()
    {
        StoragePanel panel;
        load(panel, QStringLiteral("/deflate"));
        QTableWidget *t = table(panel, "filters");
        QVERIFY(t->isVisibleTo(&panel));
        QCOMPARE(t->rowCount(), 1);
        QCOMPARE(rowTexts(t, 0), (QStringList{QStringLiteral("1"), QStringLiteral("Deflate (gzip)"), QStringLiteral("level 6"),
                                              QStringLiteral("\u2713 available")}));
        QCOMPARE(field(panel, "noFilters"), QStringLiteral("<hidden>"));
        QCOMPARE(warning(panel), QString());
        // The ratio is the inspector's logical / storage size, as the panel rounds it.
        auto info = core::StorageInspector::inspect(m_file, QStringLiteral("/deflate"));
        QVERIFY(info.ok());
        QVERIFY(info->storageSize > 0 && info->storageSize < info->logicalSize);
        const double ratio = double(info->logicalSize) / double(info->storageSize);
        QCOMPARE(field(panel, "compressionRatio"),
                 QStringLiteral("%1 : 1").arg(QLocale().toString(ratio, 'f', ratio < 10 ? 1 : 0)));

        load(panel, QStringLiteral("/shuffle_deflate_fletcher"));
        QCOMPARE(t->rowCount(), 3);
        QCOMPARE(rowTexts(t, 0), (QStringList{QStringLiteral("1"), QStringLiteral("Shuffle"), QStringLiteral("element size 4 bytes"),
                                              QStringLiteral("\u2713 available")}));
        QCOMPARE(rowTexts(t, 1), (QStringList{QStringLiteral("2"), QStringLiteral("Deflate (gzip)"), QStringLiteral("level 9"),
                                              QStringLiteral("\u2713 available")}));
        QCOMPARE(rowTexts(t, 2).mid(0, 2), (QStringList{QStringLiteral("3"), QStringLiteral("Fletcher32 checksum")}));
        QCOMPARE(rowTexts(t, 2).at(3), QStringLiteral("\u2713 available"));
    }

    void missingPlugins()
    {
        StoragePanel panel;
        // A filter no installation has: the warning names it as the file does.
        load(panel, QStringLiteral("/missing_plugin"));
        QTableWidget *t = table(panel, "filters");
        QCOMPARE(t->rowCount(), 1);
        QCOMPARE(t->item(0, 3)->text(), QStringLiteral("\u2717 missing"));
        QVERIFY2(t->item(0, 1)->text().contains(QLatin1String("hyperslab_test_filter")), qPrintable(t->item(0, 1)->text()));
        QString w = warning(panel);
        QVERIFY2(w.contains(QStringLiteral("\u201chyperslab_test_filter\u201d (HDF5 filter 257)")), qPrintable(w));
        QVERIFY2(w.contains(QLatin1String("HDF5_PLUGIN_PATH")), qPrintable(w));
        QVERIFY2(w.endsWith(QLatin1String("Until then the values of this dataset cannot be read.")), qPrintable(w));

        // LZF is written only where its plugin was installed; this process has none.
        if (!exists(QStringLiteral("/lzf")))
            QSKIP("the fixture has no /lzf: its plugin was not installed when the fixtures were written");
        load(panel, QStringLiteral("/lzf"));
        QCOMPARE(t->rowCount(), 1);
        QCOMPARE(t->item(0, 1)->text(), QStringLiteral("LZF"));
        QCOMPARE(t->item(0, 3)->text(), QStringLiteral("\u2717 missing"));
        w = warning(panel);
        QVERIFY2(w.startsWith(QLatin1String("The LZF filter plugin (HDF5 filter 32000) is not installed")), qPrintable(w));
        QVERIFY2(w.contains(QLatin1String("sudo apt install bitshuffle")), qPrintable(w));
        // Still everything else about the dataset.
        QCOMPARE(field(panel, "chunkShape"), QStringLiteral("16 \u00d7 16"));
        QCOMPARE(field(panel, "allocatedChunks"), QStringLiteral("16 of 16"));
    }

    void nonDatasets()
    {
        StoragePanel panel;
        load(panel, QStringLiteral("/"), ObjectKind::Group);
        QCOMPARE(panel.message(), QStringLiteral("Groups have no storage of their own."));
        QCOMPARE(field(panel, "layout"), QStringLiteral("<hidden>"));
        // Not yet inspected: the panel finds out itself.
        load(panel, QStringLiteral("/"), ObjectKind::Unknown);
        QCOMPARE(panel.message(), QStringLiteral("Groups have no storage of their own."));
        // Errors in plain words, inline.
        load(panel, QStringLiteral("/no_such_dataset"));
        QVERIFY2(panel.message().startsWith(QLatin1String("Could not read")), qPrintable(panel.message()));
        QCOMPARE(field(panel, "layout"), QStringLiteral("<hidden>"));
        panel.clear();
        QCOMPARE(panel.path(), QString());
        QCOMPARE(field(panel, "layout"), QStringLiteral("<hidden>"));
    }

    void fastSwitchingShowsOnlyTheLast()
    {
        StoragePanel panel;
        QSignalSpy loaded(&panel, &StoragePanel::loaded);
        // Each selection replaces the last before its job can answer.
        panel.setObject(m_file, QStringLiteral("/chunked"), ObjectKind::Dataset);
        panel.setObject(m_file, QStringLiteral("/virtual"), ObjectKind::Dataset);
        panel.setObject(m_file, QStringLiteral("/deflate"), ObjectKind::Dataset);
        panel.setObject(m_file, QStringLiteral("/external"), ObjectKind::Dataset);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, kTimeout);
        core::JobRunner::instance().waitForIdle();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(field(panel, "title"), QStringLiteral("/external"));
        QCOMPARE(field(panel, "layout"), QStringLiteral("Contiguous"));
        QCOMPARE(table(panel, "externalFiles")->rowCount(), 1);
        QCOMPARE(table(panel, "virtualMappings")->rowCount(), 0);
        QCOMPARE(table(panel, "filters")->rowCount(), 0);
        QVERIFY(!panel.chunkMapWidget()->hasMap());

        // A chunk map still being built for the previous dataset never replaces the new one's.
        panel.setObject(m_file, QStringLiteral("/chunked"), ObjectKind::Dataset);
        QTRY_VERIFY_WITH_TIMEOUT(panel.chunkMapWidget()->isBuilding() || panel.chunkMapWidget()->hasMap(), kTimeout);
        panel.setObject(m_file, QStringLiteral("/chunked_1d"), ObjectKind::Dataset);
        QTRY_VERIFY_WITH_TIMEOUT(panel.chunkMapWidget()->hasMap(), kTimeout);
        core::JobRunner::instance().waitForIdle();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(panel.chunkMapWidget()->chunkMap().cols, 5);
        QCOMPARE(panel.chunkMapWidget()->chunkMap().rowDim, -1);
        QCOMPARE(field(panel, "chunkShape"), QStringLiteral("1,000"));
    }
};

int main(int argc, char **argv)
{
    // Before HDF5 starts: no plugin folder but an empty one (see the top).
    QTemporaryDir noPlugins;
    qputenv("HDF5_PLUGIN_PATH", noPlugins.path().toLocal8Bit());
    QApplication app(argc, argv);
    TestStoragePanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storagepanel.moc"
