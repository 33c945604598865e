// The window's side of crash recovery, in process: a crash report reopens its
// session (files, selection, tabs), flags the object that was being read in
// the tree, and selecting or opening that object asks first; no means it is
// not read, yes means it is read (and no longer held back).

#include "recoveryfixture.h"

#include "attributespanel.h"
#include "datasettabs.h"
#include "errorpresenter.h"
#include "hierarchyview.h"
#include "inspectordocks.h"
#include "jobs/jobrunner.h"
#include "mainwindow.h"
#include "model/referencetarget.h"
#include "models/attributetablemodel.h"
#include "models/hierarchymodel.h"
#include "sessionrecovery.h"
#include "windowharness.h"

#include <QAbstractProxyModel>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hs;
using core::HierarchyModel;
using core::SessionObject;

class TestSessionRecovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_file;

    static QString currentPath(const app::MainWindow &w)
    {
        return w.treeView()->currentSourceIndex().data(HierarchyModel::PathRole).toString();
    }
    static QVariant treeData(const app::MainWindow &w, const QModelIndex &sourceIndex, int role)
    {
        auto *proxy = qobject_cast<QAbstractProxyModel *>(w.treeView()->model());
        return proxy->mapFromSource(sourceIndex).data(role);
    }
    core::CrashReport report() const
    {
        core::CrashReport r;
        r.session.files = {m_file};
        r.session.selection = {m_file, QStringLiteral("/run/table")};
        r.session.tabs = {{m_file, QStringLiteral("/run/other")}, {m_file, QStringLiteral("/run/table")}};
        r.reading = {m_file, QStringLiteral("/run/table")};
        r.signalNumber = SIGSEGV;
        r.when = QDateTime::currentDateTime();
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        guitests::initSettings("tst_sessionrecovery");
        m_file = QDir(m_tmp.path()).absoluteFilePath(QStringLiteral("data.h5"));
        QVERIFY(test::writeRecoveryFixture(m_file));
    }

    void cleanup() { guitests::waitForJobs(); }

    void reopensSessionAndAsksBeforeReadingHeldBackObject()
    {
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        app::SessionRecovery *recovery = w.recovery();
        QStringList questions;
        bool answer = false;
        recovery->setAsker([&](const QString &q) {
            questions << q;
            return answer;
        });
        recovery->restore(report());

        // The message, in words, beside the window.
        QVERIFY(recovery->reportBox() && recovery->reportBox()->isVisible());
        QCOMPARE(recovery->reportBox()->text(), report().message());
        QVERIFY2(recovery->reportBox()->informativeText().contains(QLatin1String("Your session was reopened: 1 file and 1 dataset tab.")),
                 qPrintable(recovery->reportBox()->informativeText()));

        // Files, selection (next to the held-back object, not on it) and the other tab come back.
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(w), QStringLiteral("/run"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(w.datasetTabs()->panelFor(m_file, QStringLiteral("/run/other")), 10000);
        QCOMPARE(w.inspectors()->attributesPanel()->model()->objectPath(), QStringLiteral("/run"));
        QCOMPARE(recovery->heldBack(), (QList<SessionObject>{{m_file, QStringLiteral("/run/table")}}));
        QVERIFY(questions.isEmpty()); // nothing asked on its own

        // The tree flags it, and only it, in sight: its group is expanded.
        HierarchyModel *model = w.hierarchyModel();
        const QModelIndex fileIdx = model->fileIndexFor(m_file);
        auto *proxy = qobject_cast<QAbstractProxyModel *>(w.treeView()->model());
        QTRY_VERIFY_WITH_TIMEOUT(w.treeView()->isExpanded(proxy->mapFromSource(model->indexForPath(fileIdx, QStringLiteral("/run")))), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(model->indexForPath(fileIdx, QStringLiteral("/run/table")).isValid(), 10000);
        const QModelIndex table = model->indexForPath(fileIdx, QStringLiteral("/run/table"));
        const QModelIndex other = model->indexForPath(fileIdx, QStringLiteral("/run/other"));
        QVERIFY2(treeData(w, table, Qt::ToolTipRole).toString().contains(QLatin1String("Hyperslab stopped while reading this object")),
                 qPrintable(treeData(w, table, Qt::ToolTipRole).toString()));
        QVERIFY(!treeData(w, table, Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!treeData(w, other, Qt::ToolTipRole).toString().contains(QLatin1String("stopped")));

        // Selecting it asks; "no" leaves it unread.
        w.treeView()->selectSourceIndex(table);
        QCOMPARE(currentPath(w), QStringLiteral("/run/table"));
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions.last().contains(QLatin1String("stopped while reading /run/table in data.h5")), qPrintable(questions.last()));
        QVERIFY(w.inspectors()->attributesPanel()->model()->objectPath().isEmpty());
        // Opening its tab (double-click, Enter) asks too.
        Q_EMIT w.treeView()->activatedSource(table);
        QCOMPARE(questions.size(), 2);
        // So does a region reference to it (it opens a grid with the region).
        const core::ReferenceTarget region = core::ReferenceTarget::parse(QStringLiteral("/run/table {(0,0)-(1,2)}"));
        QVERIFY(region.isRegion());
        Q_EMIT w.inspectors()->regionRequested(m_file, QStringLiteral("/run/table"), region);
        QCOMPARE(questions.size(), 3);
        guitests::waitForJobs();
        QVERIFY(!w.datasetTabs()->panelFor(m_file, QStringLiteral("/run/table")));
        QCOMPARE(recovery->heldBack().size(), 1);

        // "Yes": it is read, and no longer flagged or held back.
        w.treeView()->selectSourceIndex(other);
        QCOMPARE(questions.size(), 3);
        answer = true;
        w.treeView()->selectSourceIndex(table);
        QCOMPARE(questions.size(), 4);
        QCOMPARE(w.inspectors()->attributesPanel()->model()->objectPath(), QStringLiteral("/run/table"));
        QVERIFY(recovery->heldBack().isEmpty());
        QVERIFY(!treeData(w, table, Qt::ToolTipRole).toString().contains(QLatin1String("stopped")));
        Q_EMIT w.treeView()->activatedSource(table);
        QCOMPARE(questions.size(), 4);
        QTRY_VERIFY_WITH_TIMEOUT(w.datasetTabs()->panelFor(m_file, QStringLiteral("/run/table")), 10000);
        QCOMPARE(recovery->currentState().tabs.size(), 2);
    }

    void openingAHeldBackDatasetAsksAndThenReadsIt()
    {
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        QStringList questions;
        bool answer = false;
        w.recovery()->setAsker([&](const QString &q) {
            questions << q;
            return answer;
        });
        w.recovery()->restore(report());
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(w), QStringLiteral("/run"), 10000);
        HierarchyModel *model = w.hierarchyModel();
        const QModelIndex fileIdx = model->fileIndexFor(m_file);
        QTRY_VERIFY_WITH_TIMEOUT(model->indexForPath(fileIdx, QStringLiteral("/run/table")).isValid(), 10000);
        const QModelIndex table = model->indexForPath(fileIdx, QStringLiteral("/run/table"));
        w.treeView()->selectSourceIndex(table); // declined: selected, not read
        QCOMPARE(questions.size(), 1);
        QVERIFY(w.inspectors()->attributesPanel()->model()->objectPath().isEmpty());
        // Double-click on it, and yes: its tab opens and the panels read it too.
        answer = true;
        Q_EMIT w.treeView()->activatedSource(table);
        QCOMPARE(questions.size(), 2);
        QVERIFY(w.recovery()->heldBack().isEmpty());
        QCOMPARE(w.inspectors()->attributesPanel()->model()->objectPath(), QStringLiteral("/run/table"));
        QTRY_VERIFY_WITH_TIMEOUT(w.datasetTabs()->panelFor(m_file, QStringLiteral("/run/table")), 10000);
    }

    void aSecondStopOnAHeldBackObjectReopensNothing()
    {
        // The last start held /run/table back and still stopped on it: the
        // library fails on it without being asked (listing its group, say).
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        core::CrashReport r = report();
        r.session.heldBack = {r.reading};
        r.session.selection = {m_file, QStringLiteral("/run")};
        w.recovery()->restore(r);
        QVERIFY(w.recovery()->reportBox() && w.recovery()->reportBox()->isVisible());
        QCOMPARE(w.recovery()->reportBox()->text(), r.message());
        QVERIFY2(w.recovery()->reportText().contains(QLatin1String("Your session was not reopened this time")),
                 qPrintable(w.recovery()->reportText()));
        QVERIFY(core::JobRunner::instance().waitForIdle(10000));
        QCoreApplication::processEvents();
        QCOMPARE(w.hierarchyModel()->fileCount(), 0);
        QCOMPARE(w.datasetTabs()->count(), 1); // the overview only
        QCOMPARE(w.recovery()->heldBack(), QList<SessionObject>{r.reading});
    }
};

QTEST_MAIN(TestSessionRecovery)
#include "tst_sessionrecovery.moc"
