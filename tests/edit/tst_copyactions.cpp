// Copying in the real tree widget: a synthetic QMimeData drop onto the view,
// Shift-drop (move), Copy / Paste through the clipboard, names that exist,
// read-only targets, and undo/redo of the copy.

#include "copyfixture.h"

#include "copyactions.h"
#include "edit/copyobjectoperation.h"
#include "edithistory.h"
#include "hierarchyview.h"
#include "models/hierarchymodel.h"
#include "services/h5file.h"
#include "session/filesession.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMainWindow>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace hs;
using namespace hs::test;
using core::HierarchyModel;

namespace {

struct Check
{
    explicit Check(const QString &path) : id(H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT)) {}
    ~Check() { H5Fclose(id); }
    hid_t id;
};

} // namespace

class TestCopyActions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_sourcePath, m_destPath;
    std::unique_ptr<QMainWindow> m_window;
    HierarchyModel *m_model = nullptr;
    ui::HierarchyView *m_view = nullptr;
    ui::CopyActions *m_actions = nullptr;
    std::unique_ptr<core::FileSession> m_sourceSession, m_destSession;
    QStringList m_asked;

    QModelIndex reveal(int fileRow, const QString &path)
    {
        QSignalSpy revealed(m_model, &HierarchyModel::pathRevealed);
        m_model->revealPath(m_model->fileIndex(fileRow), path);
        if (revealed.isEmpty()) // an already listed path is revealed at once
            revealed.wait(10000);
        if (revealed.isEmpty())
            return {};
        return revealed.last().first().value<QModelIndex>();
    }

    // Drags `mime` over the row of `target` and drops it there, as a user would.
    bool dropAt(QMimeData *mime, const QModelIndex &target, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        m_view->scrollTo(target);
        const QPointF pos = m_view->visualRect(target).center();
        QWidget *vp = m_view->viewport();
        QDragEnterEvent enter(pos.toPoint(), Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
        QApplication::sendEvent(vp, &enter);
        QDragMoveEvent move(pos.toPoint(), Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
        QApplication::sendEvent(vp, &move);
        if (!move.isAccepted())
            return false;
        QDropEvent drop(pos, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
        QApplication::sendEvent(vp, &drop);
        return drop.isAccepted();
    }

    bool waitForWrites() { return m_destSession->waitForWrites() && m_sourceSession->waitForWrites(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sourcePath = m_dir.filePath(QStringLiteral("source.h5"));
        m_destPath = m_dir.filePath(QStringLiteral("dest.h5"));
        writeCopySource(m_sourcePath);
        writeEmptyFile(m_destPath, true);
        m_window = std::make_unique<QMainWindow>();
        m_model = new HierarchyModel(m_window.get());
        m_view = new ui::HierarchyView(m_window.get());
        m_view->setModel(m_model);
        m_window->setCentralWidget(m_view);
        auto src = core::H5File::open(m_sourcePath);
        auto dst = core::H5File::open(m_destPath, core::H5File::Mode::ReadWrite);
        QVERIFY(src.ok() && dst.ok());
        m_sourceSession = std::make_unique<core::FileSession>(src.value());
        m_destSession = std::make_unique<core::FileSession>(dst.value());
        m_model->addFile(src.value());
        m_model->addFile(dst.value());
        m_actions = new ui::CopyActions(m_view, m_model, m_window.get());
        m_actions->install(nullptr, nullptr);
        m_actions->setDialogsEnabled(false);
        m_actions->setNameAsker([this](const QString &existing, const QString &suggestion) {
            m_asked << existing;
            return suggestion;
        });
        m_window->resize(600, 500);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void treeDragOffersFilePath()
    {
        const QModelIndex g = reveal(0, QStringLiteral("/g"));
        QVERIFY(g.isValid());
        std::unique_ptr<QMimeData> mime(m_model->mimeData({g}));
        QCOMPARE(mime->text(), m_sourcePath + QStringLiteral(":/g")); // for other programs
        QVERIFY(mime->hasFormat(QString::fromLatin1(ui::CopyActions::MimeType)));
        QCOMPARE(ui::CopyActions::objectsIn(mime.get()).value(0), qMakePair(m_sourcePath, QStringLiteral("/g")));
    }

    void dropCopiesBetweenFiles_undoRedo()
    {
        const QModelIndex g = reveal(0, QStringLiteral("/g"));
        QSignalSpy finished(m_actions, &ui::CopyActions::finished);
        std::unique_ptr<QMimeData> mime(m_model->mimeData({g}));
        QVERIFY(dropAt(mime.get(), m_model->fileIndex(1)));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        QVERIFY(finished.first().first().toBool());
        {
            Check c(m_destPath);
            QCOMPARE(readInts(c.id, "/g/d")[11], 11);
            QCOMPARE(readStringAttribute(c.id, "/g", "units"), QByteArray("m"));
        }
        QUndoStack *stack = ui::EditHistory::instance().stackFor(m_destSession.get());
        QCOMPARE(stack->count(), 1);
        QCOMPARE(stack->text(0), QStringLiteral("Copy /g from source.h5 to /g"));
        stack->undo();
        QVERIFY(waitForWrites());
        QVERIFY(!core::CopyObjectOperation::exists(m_destSession->file(), QStringLiteral("/g")));
        stack->redo();
        QVERIFY(waitForWrites());
        QVERIFY(core::CopyObjectOperation::exists(m_destSession->file(), QStringLiteral("/g")));
    }

    void nameThatExistsAsksSuggestingName2()
    {
        const QModelIndex g = reveal(0, QStringLiteral("/g"));
        QSignalSpy finished(m_actions, &ui::CopyActions::finished);
        std::unique_ptr<QMimeData> mime(m_model->mimeData({g}));
        m_asked.clear();
        QVERIFY(dropAt(mime.get(), m_model->fileIndex(1)));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        QCOMPARE(m_asked, QStringList{QStringLiteral("/g")});
        QVERIFY(core::CopyObjectOperation::exists(m_destSession->file(), QStringLiteral("/g_2")));
    }

    void readOnlyTargetRefusesDrop()
    {
        const QModelIndex d = reveal(1, QStringLiteral("/existing"));
        QVERIFY(d.isValid());
        const QByteArray before = fileBytes(m_sourcePath);
        std::unique_ptr<QMimeData> mime(m_model->mimeData({d}));
        QVERIFY(!dropAt(mime.get(), m_model->fileIndex(0))); // the source file is open read-only
        QVERIFY(waitForWrites());
        QCOMPARE(fileBytes(m_sourcePath), before);
        QCOMPARE(ui::EditHistory::instance().stackFor(m_sourceSession.get())->count(), 0);
    }

    void filesFromFileManagerAreLeftToTheWindow()
    {
        // Dropping files opens them (the main window does it): the tree must not take the drop.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_sourcePath)});
        mime.setText(m_sourcePath); // file managers add the path as text too
        QVERIFY(!dropAt(&mime, m_model->fileIndex(1)));
    }

    void shiftDropMovesWithinFile()
    {
        const QModelIndex existing = reveal(1, QStringLiteral("/existing"));
        const QModelIndex g2 = reveal(1, QStringLiteral("/g_2"));
        QVERIFY(existing.isValid() && g2.isValid());
        QSignalSpy finished(m_actions, &ui::CopyActions::finished);
        std::unique_ptr<QMimeData> mime(m_model->mimeData({existing}));
        QVERIFY(dropAt(mime.get(), g2, Qt::ShiftModifier));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        QVERIFY(finished.first().first().toBool());
        QVERIFY(core::CopyObjectOperation::exists(m_destSession->file(), QStringLiteral("/g_2/existing")));
        QVERIFY(!core::CopyObjectOperation::exists(m_destSession->file(), QStringLiteral("/existing")));
        QCOMPARE(ui::EditHistory::instance().stackFor(m_destSession.get())->text(
                     ui::EditHistory::instance().stackFor(m_destSession.get())->count() - 1),
                 QStringLiteral("Move /existing to /g_2/existing"));
    }

    void copyAndPasteThroughClipboard()
    {
        const QModelIndex top = reveal(0, QStringLiteral("/top"));
        QVERIFY(top.isValid());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_view->setFocus();
        m_view->selectSourceIndex(top);
        QApplication::clipboard()->clear();
        QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier); // Ctrl+C with the tree focused
        const QMimeData *clip = QApplication::clipboard()->mimeData();
        QVERIFY(clip);
        QCOMPARE(clip->text(), m_sourcePath + QStringLiteral(":/top"));
        m_view->selectSourceIndex(m_model->fileIndex(1));
        QTRY_VERIFY(m_actions->pasteAction()->isEnabled());
        QSignalSpy finished(m_actions, &ui::CopyActions::finished);
        QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        Check c(m_destPath);
        QCOMPARE(readFloats(c.id, "/top"), (std::vector<float>{1, 2, 3}));
    }

    void pasteFromTextOfAnotherProgram()
    {
        // Another process puts FILE:/path on the clipboard as text only.
        auto *mime = new QMimeData;
        mime->setText(m_sourcePath + QStringLiteral(":/g/sub"));
        QApplication::clipboard()->setMimeData(mime);
        m_view->selectSourceIndex(m_model->fileIndex(1));
        QSignalSpy finished(m_actions, &ui::CopyActions::finished);
        m_actions->pasteAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        Check c(m_destPath);
        QCOMPARE(readDoubles(c.id, "/sub/deep")[1], 0.5);
    }

    void pasteFollowsTheFileMode()
    {
        const QModelIndex top = reveal(0, QStringLiteral("/top"));
        m_view->selectSourceIndex(top);
        QApplication::clipboard()->setMimeData(m_model->mimeData({top}));
        QVERIFY(!m_actions->pasteAction()->isEnabled()); // source.h5 is read-only
        QVERIFY(m_actions->pasteAction()->toolTip().contains(QLatin1String("Enable Editing")));
        m_sourceSession->setEditable(true);
        QTRY_VERIFY(m_actions->pasteAction()->isEnabled());
        m_sourceSession->setEditable(false);
        QTRY_VERIFY(!m_actions->pasteAction()->isEnabled());
    }

    void saveACopyAs()
    {
        const QString out = m_dir.filePath(QStringLiteral("saved.h5"));
        QString suggested;
        m_actions->setSavePathAsker([&](const QString &, const QString &suggestion) {
            suggested = suggestion;
            return out;
        });
        m_view->selectSourceIndex(m_model->fileIndex(0));
        QVERIFY(m_actions->saveCopyAction()->isEnabled());
        QSignalSpy finished(m_actions, &ui::CopyActions::finished);
        m_actions->saveCopyAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        QVERIFY2(finished.first().first().toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(QFileInfo(suggested).fileName(), QStringLiteral("source_copy.h5"));
        Check c(out);
        QCOMPARE(readInts(c.id, "/g/d")[99], 99);
        QCOMPARE(readFloats(c.id, "/big").size(), size_t(2000 * 1000));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_destSession.reset();
        m_sourceSession.reset();
    }
};

QTEST_MAIN(TestCopyActions)
#include "tst_copyactions.moc"
